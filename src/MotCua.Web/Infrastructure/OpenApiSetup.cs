using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MotCua.Web.Infrastructure;

/// <summary>The OpenAPI document integrations and kiosks work from: each use case's body under its own name, and
/// the bearer token of <c>/api/auth/login</c> declared on every operation that needs a signed-in user.</summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        // Use cases nest their bodies as Request, View, Response...: named by type alone, twenty operations
        // shared one "Request" schema (the first one met). The use case's name goes in front.
        options.CreateSchemaReferenceId = info =>
            OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && info.Type.DeclaringType is { } useCase ? useCase.Name + id : OpenApiOptions.CreateDefaultSchemaReferenceId(info);

        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Access token từ POST /api/auth/login, gửi trong tiêu đề Authorization: Bearer {accessToken}.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var signedIn = metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any();
            if (signedIn && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            }
            return Task.CompletedTask;
        });
    }
}
