using System.Reflection;
using MotCua.Tests.Browser;

namespace MotCua.Tests.Architecture;

/// <summary>Browser journeys run in the SQLite pass only (docs/adr/0033f): scripts/test.sh leaves them out of the
/// PostgreSQL pass by a name filter. This keeps the filter and the classes in step: every test class driven by a
/// browser matches it, and no other test class does, so nothing is silently dropped from either pass.</summary>
public sealed class BrowserTestsRunOnceTests
{
    /// <summary>The same patterns as <c>browser_tests</c> in scripts/test.sh.</summary>
    private static readonly string[] Patterns = [".Browser.", "JourneyTests.", "BrowserTests."];

    private static bool MatchesFilter(Type test) => Patterns.Any(p => (test.FullName + ".").Contains(p, StringComparison.Ordinal));

    private static bool UsesBrowser(Type test) =>
        test.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => typeof(BrowserApp).IsAssignableFrom(p.ParameterType));

    private static IEnumerable<Type> TestClasses() =>
        typeof(BrowserTestsRunOnceTests).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }
            && t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Any(m => m.GetCustomAttributes().Any(a => a is FactAttribute)));

    [Fact]
    public void EveryBrowserTestClass_MatchesThePostgresPassFilter()
    {
        var browserClasses = TestClasses().Where(UsesBrowser).ToList();
        browserClasses.Count.ShouldBeGreaterThan(10);
        browserClasses.Where(t => !MatchesFilter(t)).Select(t => t.FullName).ShouldBeEmpty(
            "A class driven by a browser must live in MotCua.Tests.Browser or be named …JourneyTests / …BrowserTests.");
    }

    [Fact]
    public void NoOtherTestClass_MatchesIt()
    {
        TestClasses().Where(t => MatchesFilter(t) && !UsesBrowser(t) && t != typeof(BrowserTestsRunOnceTests))
            .Select(t => t.FullName).ShouldBeEmpty("Only browser-driven classes may match the PostgreSQL pass's exclusion.");
    }
}
