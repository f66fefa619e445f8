namespace MotCua.Tests.Browser;

/// <summary>Browser test classes run one after another (each with its own app and Chromium): two Chromiums
/// and two apps at once on a two-core machine make timings flaky, not the suite faster.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests
{
    public const string Name = "Browser";
}
