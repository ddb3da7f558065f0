using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace AtolOnline.Generators.Model;

/// <summary>An immutable array compared by its elements, so pipeline models cache by value.</summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(IEnumerable<T> items)
    {
        _items = items.ToArray();
    }

    public int Count => _items?.Length ?? 0;

    public T this[int index] => _items![index];

    public bool Equals(EquatableArray<T> other)
    {
        var a = _items ?? Array.Empty<T>();
        var b = other._items ?? Array.Empty<T>();
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (var item in _items ?? Array.Empty<T>())
        {
            hash = (hash * 31) + (item?.GetHashCode() ?? 0);
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new EquatableArray<T>(items);
}

/// <summary>
/// One schema file as the pipeline sees it: compared by path and content, so an unchanged file is a cache hit.
/// </summary>
internal sealed record SchemaFile(string Path, string Folder, string FileName, string Text);

/// <summary>A diagnostic without Roslyn objects, so it can live in cached models.</summary>
internal sealed record DiagnosticInfo(string Id, string Message, string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn);

internal enum ValueKind
{
    String,
    Int32,
    Int64,
    Decimal,
    Boolean,
    Object,
    Enum,
    Array,

    /// <summary><c>x-clr-type: "datetime"</c>: <c>DateTime</c>, wire <c>dd.MM.yyyy HH:mm:ss</c>.</summary>
    DateTime,

    /// <summary><c>x-clr-type: "date"</c>: <c>DateOnly</c>, wire <c>dd.MM.yyyy</c>.</summary>
    Date,

    /// <summary><c>x-clr-type: "datetimeoffset"</c> (wire <c>dd.MM.yyyy HH:mm:ss</c> in ATOL's zone) or <c>"datetimeoffset-iso"</c> (ISO 8601).</summary>
    DateTimeOffset,
}

/// <summary>The shape and constraints of one value (a property, or the elements of an array).</summary>
internal sealed record ValueModel
{
    public ValueKind Kind { get; init; }

    /// <summary>C# type name (records and enums) in the same namespace.</summary>
    public string? TypeName { get; init; }

    public bool EnumIsString { get; init; }

    /// <summary><c>x-enum-open</c>: an unknown wire value reads as the enum's <c>Unknown</c> member.</summary>
    public bool EnumOpen { get; init; }

    public bool Nullable { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public bool Base64 { get; init; }

    /// <summary>A <see cref="ValueKind.DateTimeOffset"/> written as ISO 8601 rather than ATOL's format.</summary>
    public bool IsoDate { get; init; }

    /// <summary>Numeric bounds as invariant literals (decimal for numbers, integer otherwise).</summary>
    public string? Minimum { get; init; }

    public string? Maximum { get; init; }

    public string? ExclusiveMinimum { get; init; }

    public string? ExclusiveMaximum { get; init; }

    public string? MultipleOf { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public ValueModel? Items { get; init; }

    /// <summary>
    /// The same value as ATOL's service judges it (from <c>x-service</c>), when that differs from ours; null: the same.
    /// </summary>
    public ValueModel? Service { get; init; }
}

internal sealed record PropertyModel(
    string JsonName,
    string CsName,
    string? Description,
    int? FfdTag,
    bool Required,
    bool Warning,
    bool Secret,
    ValueModel Value)
{
    /// <summary>Whether ATOL's service requires the member (<c>x-service.required</c> of the object; default: as ours).</summary>
    public bool ServiceRequired { get; init; } = Required;

    /// <summary>ATOL's service also admits JSON null here (<c>x-service.nullable</c>): null then reads as the default value.</summary>
    public bool ServiceNullable { get; init; }

    /// <summary>Whether the service profile judges this member differently from the safe profile.</summary>
    public bool DiffersForService => Value.Service is not null || ServiceRequired != Required || ServiceNullable;
}

internal sealed record EnumMemberModel(string CsName, string Wire, long Number, string? Description);

internal sealed record DependentRequiredModel(string Property, EquatableArray<string> Requires);

internal enum TypeModelKind
{
    Record,
    Enum,
}

internal sealed record TypeModel
{
    public string Namespace { get; init; } = "";

    public string Name { get; init; } = "";

    public TypeModelKind Kind { get; init; }

    public string? Description { get; init; }

    public string SourceFile { get; init; } = "";

    public bool IsRoot { get; init; }

    /// <summary><c>additionalProperties: false</c>: unknown members are errors when reading.</summary>
    public bool Strict { get; init; }

    /// <summary>ATOL's service refuses unknown members too (default: as <see cref="Strict"/>; <c>x-service.additionalProperties</c>).</summary>
    public bool ServiceStrict { get; init; }

    /// <summary>ATOL's service checks <see cref="DependentRequired"/> too (false: <c>x-service.dependentRequired: {}</c>).</summary>
    public bool ServiceDependentRequired { get; init; } = true;

    public int? MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    public EquatableArray<PropertyModel> Properties { get; init; }

    public EquatableArray<DependentRequiredModel> DependentRequired { get; init; }

    public EquatableArray<EnumMemberModel> Members { get; init; }

    public bool EnumIsString { get; init; }

    public bool EnumOpen { get; init; }
}

/// <summary>What the parse step yields for one folder (= one namespace).</summary>
internal sealed record FolderModel(string Namespace, EquatableArray<TypeModel> Types, EquatableArray<DiagnosticInfo> Diagnostics);
