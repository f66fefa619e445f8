using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MotCua.Web.Infrastructure;

/// <summary>The limits of what one request may carry. Text limits match the columns that store the text
/// (see the EF configurations); the rest keep one request from holding the server (docs/operations.md).</summary>
public static class InputLimits
{
    /// <summary>Names of people, units, officials; titles; e-mail addresses.</summary>
    public const int Name = 200;
    /// <summary>Codes: procedure, component, agency, result, account.</summary>
    public const int Code = 60;
    /// <summary>Document numbers, payment references, user names, passwords.</summary>
    public const int Reference = 100;
    /// <summary>Personal ID numbers and phone numbers as typed (spaces and +84 included).</summary>
    public const int Number = 20;
    public const int Address = 500;
    /// <summary>A dossier's summary.</summary>
    public const int Summary = 1000;
    /// <summary>Reasons, notes, questions, comments: what a form's text box holds.</summary>
    public const int Reason = 2000;
    /// <summary>A consulted unit's answer.</summary>
    public const int Answer = 4000;
    /// <summary>Any other text in a JSON body (catalog content, e-form values): a net under every field.</summary>
    public const int AnyText = 100_000;
    /// <summary>Items of a list in one request (components, roles, e-form fields), unless the field says otherwise.</summary>
    public const int Items = 200;
    /// <summary>Papers asked for in one supplement request.</summary>
    public const int MissingItems = 50;
    /// <summary>Files uploaded in one request (the scanned pages of one component, a supplement's papers).</summary>
    public const int Files = 50;
    /// <summary>Sets, copies, pages per copy, counts of a component.</summary>
    public const int Count = 10_000;
    /// <summary>One payment, in đồng (ten billion): larger amounts are typing mistakes at a one-stop desk.</summary>
    public const long MaxAmount = 10_000_000_000;
    /// <summary>Dates outside these years are typing mistakes or attacks; they would also overflow the date arithmetic.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    public static bool IsSane(DateOnly date) => date >= MinDate && date <= MaxDate;

    public static bool IsSane(DateTime instant) => IsSane(DateOnly.FromDateTime(instant));

    public static string DateRangeText => $"từ {MinDate:dd/MM/yyyy} đến {MaxDate:dd/MM/yyyy}";

    /// <summary>Control characters (NUL and the like) have no place in what people type; tab and line breaks do.</summary>
    public static bool HasControlCharacters(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) return true;
        return false;
    }
}

/// <summary>At most <paramref name="maxLength"/> characters (without it, <see cref="InputLimits.AnyText"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class TextAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;
}

/// <summary>At most <paramref name="maxItems"/> items (without it, <see cref="InputLimits.Items"/>), none of them null;
/// texts among them at most <see cref="ItemLength"/> characters.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class ItemsAttribute(int maxItems) : Attribute
{
    public int MaxItems { get; } = maxItems;
    public int ItemLength { get; set; } = InputLimits.AnyText;
}

/// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class NumberAttribute(long min, long max) : Attribute
{
    public long Min { get; } = min;
    public long Max { get; } = max;
}

/// <summary>A field of a JSON body is wrong. The message is Vietnamese; <see cref="Field"/> is the field's name
/// inside the object at the exception's <see cref="JsonException.Path"/> (null: the path is the field itself).</summary>
public sealed class InputException(string? field, string problem) : JsonException(problem)
{
    public string? Field { get; } = field;
}

/// <summary>One mechanism for every JSON body the API reads: while a body is read, strings, dates and enum values
/// are checked, and once an object of ours is read its fields are checked against their limits (the attributes
/// above, the defaults in <see cref="InputLimits"/>, and non-nullable references that must be present). A broken
/// rule is an <see cref="InputException"/>, answered 400 naming the field, before any handler runs.</summary>
public static class InputRules
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new CheckedStringConverter());
        options.Converters.Add(new SaneDateTimeConverter());
        options.Converters.Add(new SaneDateOnlyConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(CheckFields);
    }

    private static void CheckFields(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(InputRules).Assembly) return;
        var checks = info.Properties.Select(p => FieldCheck.For(info.Type, p)).OfType<FieldCheck>().ToArray();
        if (checks.Length == 0) return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            foreach (var check in checks) check.Run(value);
            previous?.Invoke(value);
        };
    }

    private sealed class FieldCheck(string name, Func<object, object?> get, bool required, int? maxLength, int? maxItems, int itemLength, NumberAttribute? range)
    {
        public static FieldCheck? For(Type type, JsonPropertyInfo property)
        {
            if (property.Get is not { } get || property.AttributeProvider is not PropertyInfo member) return null;
            // A positional record's attributes sit on its constructor's parameter of the same name.
            var parameter = type.GetConstructors().SelectMany(c => c.GetParameters())
                .FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.Ordinal));
            T? Attribute<T>() where T : Attribute => member.GetCustomAttribute<T>() ?? parameter?.GetCustomAttribute<T>();
            var t = property.PropertyType;
            // NullabilityInfoContext is not thread-safe; contracts may be built on several threads at once.
            var nullability = new NullabilityInfoContext();
            var required = !t.IsValueType && (parameter is not null ? nullability.Create(parameter) : nullability.Create(member)).WriteState == NullabilityState.NotNull;
            int? maxLength = t == typeof(string) ? Attribute<TextAttribute>()?.MaxLength ?? InputLimits.AnyText : null;
            int? maxItems = t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t)
                ? Attribute<ItemsAttribute>()?.MaxItems ?? InputLimits.Items : null;
            var itemLength = Attribute<ItemsAttribute>()?.ItemLength ?? InputLimits.AnyText;
            var range = Attribute<NumberAttribute>();
            if (!required && maxLength is null && maxItems is null && range is null) return null;
            return new FieldCheck(property.Name, get, required, maxLength, maxItems, itemLength, range);
        }

        public void Run(object owner)
        {
            switch (get(owner))
            {
                case null when required:
                    throw new InputException(name, "thiếu giá trị (trường bắt buộc, không được để trống hoặc null).");
                case string text when text.Length > maxLength:
                    throw new InputException(name, $"tối đa {maxLength} ký tự (đang có {text.Length}).");
                case IEnumerable items and not string when maxItems is { } max:
                    var count = 0;
                    foreach (var item in items)
                    {
                        // A dictionary's entries are pairs; their values may be null where the type allows it.
                        if (item is null) throw new InputException(name, $"mục thứ {count + 1} để trống (null).");
                        if (item is string text && text.Length > itemLength)
                            throw new InputException(name, $"mục thứ {count + 1} tối đa {itemLength} ký tự (đang có {text.Length}).");
                        if (++count > max) throw new InputException(name, $"tối đa {max} mục.");
                    }
                    break;
                case { } number when range is not null && Convert.ToDecimal(number, CultureInfo.InvariantCulture) is var n && (n < range.Min || n > range.Max):
                    throw new InputException(name, $"phải là số từ {range.Min} đến {range.Max} (đang là {n.ToString(CultureInfo.InvariantCulture)}).");
            }
        }
    }

    /// <summary>Enum values by name (or by number) — only the defined ones: "99" is not a payment method.</summary>
    private sealed class StrictEnumConverterFactory : JsonConverterFactory
    {
        private readonly JsonStringEnumConverter _names = new();

        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;
    }

    private sealed class StrictEnumConverter<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Defined(_inner.Read(ref reader, typeToConvert, options));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Defined(_inner.ReadAsPropertyName(ref reader, typeToConvert, options));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _inner.WriteAsPropertyName(writer, value, options);

        private static T Defined(T value) =>
            Enum.IsDefined(value) ? value : throw new InputException(null, $"giá trị {Convert.ToInt64(value, CultureInfo.InvariantCulture)} không có trong danh sách; {JsonProblem.Allowed(typeof(T))}.");
    }

    private sealed class CheckedStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Checked(reader.GetString()!) : throw new InputException(null, "phải là một chuỗi ký tự.");

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        private static string Checked(string text) =>
            text.Length > InputLimits.AnyText ? throw new InputException(null, $"tối đa {InputLimits.AnyText} ký tự (đang có {text.Length}).")
            : InputLimits.HasControlCharacters(text) ? throw new InputException(null, "có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).")
            : text;
    }

    private sealed class SaneDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var value))
                throw new InputException(null, "phải là thời điểm theo ISO 8601, ví dụ 2026-11-17T09:00:00Z.");
            return InputLimits.IsSane(value) ? value : throw new InputException(null, $"ngày phải {InputLimits.DateRangeText}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class SaneDateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String ||
                !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
                throw new InputException(null, "phải là ngày dạng yyyy-MM-dd, ví dụ 2026-11-17.");
            return InputLimits.IsSane(value) ? value : throw new InputException(null, $"ngày phải {InputLimits.DateRangeText}.");
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}

/// <summary>The pages' side of the same rules: a posted form value with control characters (NUL cannot even be
/// stored by PostgreSQL) or beyond <see cref="InputLimits.AnyText"/> is refused, 400 with the field's name, before
/// any page handler runs. Each page still checks its own fields' limits.</summary>
public sealed class FormInputFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType && Problem(await request.ReadFormAsync(context.HttpContext.RequestAborted)) is { } problem)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = problem,
            };
            return;
        }
        await next();
    }

    private static string? Problem(IFormCollection form)
    {
        foreach (var (key, values) in form)
        foreach (var value in values)
        {
            if (value is null) continue;
            if (value.Length > InputLimits.AnyText) return $"Dữ liệu không hợp lệ: ô \"{key}\" tối đa {InputLimits.AnyText} ký tự (đang có {value.Length}).";
            if (InputLimits.HasControlCharacters(value)) return $"Dữ liệu không hợp lệ: ô \"{key}\" có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).";
        }
        return null;
    }
}

/// <summary>The address's side of the same rules: a query value or path with control characters (PostgreSQL cannot
/// even compare text with NUL: searches answered 500) or beyond <see cref="InputLimits.AnyText"/> is refused with 400
/// before anything reads it — ProblemDetails naming the parameter for the API, the Vietnamese status page otherwise.</summary>
public static class QueryInputCheck
{
    public static IApplicationBuilder UseQueryInputCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Problem(context.Request) is not { } problem)
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (context.Request.Path.StartsWithSegments("/api"))
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Dữ liệu không hợp lệ", Detail = problem },
                });
        });

    private static string? Problem(HttpRequest request)
    {
        if (InputLimits.HasControlCharacters(request.Path.Value ?? ""))
            return "Địa chỉ yêu cầu có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).";
        foreach (var (key, values) in request.Query)
        {
            if (InputLimits.HasControlCharacters(key)) return "Tên tham số có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).";
            foreach (var value in values)
            {
                if (value is null) continue;
                if (value.Length > InputLimits.AnyText) return $"Tham số \"{key}\" tối đa {InputLimits.AnyText} ký tự (đang có {value.Length}).";
                if (InputLimits.HasControlCharacters(value)) return $"Tham số \"{key}\" có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).";
            }
        }
        return null;
    }
}
