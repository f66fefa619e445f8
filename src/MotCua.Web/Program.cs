using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using MotCua.Web.Features.Audit;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Certification;
using MotCua.Web.Features.DemoData;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Features.Feedback;
using MotCua.Web.Features.Forms;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.NationalPortal;
using MotCua.Web.Features.Population;
using MotCua.Web.Features.Notifications;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Features.Payments;
using MotCua.Web.Features.Processing;
using MotCua.Web.Features.Ratings;
using MotCua.Web.Features.Reception;
using MotCua.Web.Features.Reports;
using MotCua.Web.Features.Targets;
using MotCua.Web.Features.Scorecard;
using MotCua.Web.Features.Signatures;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// ---- services
builder.Services.AddSingleton(TimeProvider.System);
// The unit tree and the home page's figures are cached.
builder.Services.AddMemoryCache();
builder.Services.AddAppDatabase(builder.Configuration, builder.Environment.ContentRootPath);
// Cookies, tokens, links and stored seals are protected with keys every node reads from the database (docs/adr/0035b).
builder.Services.AddSharedDataProtection();
builder.Services.AddSingleton<FileStore>();
builder.Services.AddSingleton<PendingFileSweep>();
builder.Services.AddRecurringJob<PendingFileSweep>(PendingFileSweep.Name, "@hourly");
// Each feature registers itself (Features/<Feature>/<Feature>Module.cs, docs/adr/0025).
builder.Services.AddAppIdentity(builder.Configuration, builder.Environment);
builder.Services.AddCalendar(builder.Configuration);
builder.Services.AddCatalog();
builder.Services.AddDossiers(builder.Configuration);
builder.Services.AddReception();
builder.Services.AddProcessing();
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddForms();
builder.Services.AddUnits();
builder.Services.AddAudit();
builder.Services.AddDemoData();
builder.Services.AddOnlineSubmission();
builder.Services.AddDocumentStore();
builder.Services.AddRatings(builder.Configuration);
builder.Services.AddTracking();
builder.Services.AddReports();
builder.Services.AddTargets();
builder.Services.AddPayments(builder.Configuration);
builder.Services.AddCertification(builder.Configuration);
builder.Services.AddScorecard(builder.Configuration);
builder.Services.AddExchange();
builder.Services.AddNationalPortal(builder.Configuration);
builder.Services.AddPopulation(builder.Configuration);
builder.Services.AddFeedback(builder.Configuration);
builder.Services.AddSignatures(builder.Configuration);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemText.Vietnamese);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(OpenApiSetup.Configure);
builder.Services.AddWebSecurity(builder.Configuration);
builder.Services.AddRazorPages(o =>
{
    // The office is for signed-in officials only; its login and denied pages are the exceptions.
    o.Conventions.AuthorizeFolder("/Office", IdentitySetup.OfficialPolicy);
    o.Conventions.AllowAnonymousToPage("/Office/Login");
    o.Conventions.AllowAnonymousToPage("/Office/Denied");
    // Administration: every page of the folder, including one added later without the attribute, is for administrators.
    o.Conventions.AuthorizeFolder("/Office/Admin", nameof(OfficialRole.Administrator));
    // The portal's catalog, lookup and sign-in are public; a citizen's own pages need their account.
    o.Conventions.AuthorizeFolder("/Portal/Citizen", IdentitySetup.CitizenPolicy);
    o.Conventions.ConfigureFilter(new FormInputFilter());
    o.Conventions.ConfigureFilter(new MotCua.Web.Pages.RefusedPostFilter());
});
// Vietnamese text goes out as text, not as \u escapes or HTML entities.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    // Enums by name, only defined values; limits on texts, lists, numbers and dates (Infrastructure/InputRules.cs).
    InputRules.Configure(o.SerializerOptions);
});
// Unreadable request bodies reach the exception handler, which answers in Vietnamese.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

// ---- command-line verbs of the same binary: migrate, seed-demo, import-catalog
if (await CommandLine.TryRunAsync(app, args)) return;

WebSecurity.CheckProductionSettings(app);
await Startup.PrepareDatabaseAsync(app);

// ---- pipeline
app.UseTrustedProxy();
app.UseExceptionHandler();
// The API answers bare status codes as ProblemDetails; pages get a Vietnamese page instead.
app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
// Only the API answers bare status codes itself (as ProblemDetails): run for pages too, it would write its plain
// text before the re-execute above could show the Vietnamese page.
app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseSecurityHeaders();
app.UseQueryInputCheck();
app.UseStaticFiles();
app.UseRouting();
app.UseDoorLimits();
app.UseAuthentication();
app.UseRefusedAccessLog();
app.UseAuthorization();

// ---- endpoints
// The API's description is for integrators' development machines, not for a public server to hand out.
if (!app.Environment.IsProduction()) app.MapOpenApi();
app.MapAppIdentity();
app.MapCalendar();
app.MapCatalog();
app.MapDossiers();
app.MapReception();
app.MapProcessing();
app.MapJobs();
app.MapNotifications();
app.MapUnits();
app.MapAudit();
app.MapTracking();
app.MapReports();
app.MapForms();
app.MapTargets();
app.MapPayments();
app.MapCertification();
app.MapScorecard();
app.MapExchange();
app.MapNationalPortal();
app.MapPopulation();
app.MapFeedback();
app.MapSignatures();
app.MapRazorPages();

await app.RunAsync();

/// <summary>Entry point type, public for the tests' WebApplicationFactory.</summary>
public partial class Program;
