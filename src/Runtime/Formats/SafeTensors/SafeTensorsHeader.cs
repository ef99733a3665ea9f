using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Checkpoint.Formats.SafeTensors;

/// <summary>
/// The header of a safetensors file: an 8-byte little-endian length, then that many bytes of JSON mapping each
/// tensor name to <c>{"dtype", "shape", "data_offsets"}</c>, with an optional <c>"__metadata__"</c> map of strings.
/// <see cref="Read"/> enforces every rule of the format; <see cref="Write"/> produces the bytes the reference
/// implementation writes.
/// </summary>
internal sealed record SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string>? Metadata, long DataStart)
{
    /// <summary>The reference implementation's limit on the header: 100 MB.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>Reads and checks the header and the layout of the data section against the source's length.</summary>
    /// <exception cref="CheckpointFormatException">Any rule is broken; the message names the file and the tensor.</exception>
    public static SafeTensorsHeader Read(RandomAccessSource source)
    {
        var file = source.Name;
        if (source.Length < 8) throw new CheckpointFormatException($"the file has {source.Length} bytes, fewer than the 8 of the header length", file, "", 0);
        Span<byte> prefix = stackalloc byte[8];
        source.ReadExactlyAt(0, prefix, "", "the header length");
        var length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > MaxHeaderLength)
            throw new CheckpointFormatException($"the header length {length} is larger than the format's limit of {MaxHeaderLength} bytes", file, "", 0);
        if ((long)length > source.Length - 8)
            throw new CheckpointFormatException($"the header length {length} runs past the end of the {source.Length}-byte file", file, "", 0);

        var json = new byte[length];
        source.ReadExactlyAt(8, json, "", "the header");
        if (!Utf8.IsValid(json)) throw new CheckpointFormatException("the header is not valid UTF-8", file, "", 8);

        var dataStart = 8 + (long)length;
        var (entries, metadata) = Parse(json, file);
        var dataLength = CheckLayout(entries, file, dataStart);
        if (dataLength != source.Length - dataStart)
            throw new CheckpointFormatException(
                $"the tensors cover {dataLength} data bytes but the file has {source.Length - dataStart} after the header (the data offsets must cover the whole data section)",
                file, entries.Count > 0 ? entries[^1].Name : "", dataStart + Math.Min(dataLength, source.Length - dataStart));
        return new SafeTensorsHeader(entries, metadata, dataStart);
    }

    private static (List<SafeTensorsEntry>, Dictionary<string, string>?) Parse(byte[] json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"the header is not valid JSON: {e.Message}", file, "", 8, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new CheckpointFormatException("the header is not a JSON object", file, "", 8);
            var entries = new List<SafeTensorsEntry>();
            Dictionary<string, string>? metadata = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw new CheckpointFormatException("the name appears twice in the header", file, property.Name, 8);
                if (property.Name == MetadataKey) metadata = ParseMetadata(property.Value, file);
                else entries.Add(ParseEntry(property.Name, property.Value, file));
            }

            return (entries, metadata);
        }
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement value, string file)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new CheckpointFormatException("__metadata__ is not a map of strings", file, MetadataKey, 8);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new CheckpointFormatException($"the metadata value of '{item.Name}' is a {item.Value.ValueKind}, not a string", file, MetadataKey, 8);
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw new CheckpointFormatException($"the metadata key '{item.Name}' appears twice", file, MetadataKey, 8);
        }

        return metadata;
    }

    private static SafeTensorsEntry ParseEntry(string name, JsonElement value, string file)
    {
        CheckpointFormatException Bad(string detail) => new(detail, file, name, 8);

        if (value.ValueKind != JsonValueKind.Object) throw Bad("the tensor's entry is not an object");
        JsonElement? dtypeValue = null, shapeValue = null, offsetsValue = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeValue is null: dtypeValue = field.Value; break;
                case "shape" when shapeValue is null: shapeValue = field.Value; break;
                case "data_offsets" when offsetsValue is null: offsetsValue = field.Value; break;
                default: throw Bad($"unexpected or repeated field '{field.Name}' (a tensor has exactly dtype, shape and data_offsets)");
            }
        }

        if (dtypeValue is not { ValueKind: JsonValueKind.String } dtypeText) throw Bad("dtype is missing or not a string");
        if (SafeTensorsDTypes.TryParse(dtypeText.GetString()!, out var dtype) is { } problem) throw Bad(problem);
        if (shapeValue is not { ValueKind: JsonValueKind.Array } shapeArray) throw Bad("shape is missing or not a list");
        var shape = new int[shapeArray.GetArrayLength()];
        var i = 0;
        foreach (var dim in shapeArray.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetUInt64(out var size)) throw Bad($"dimension {i} of the shape is not a non-negative integer");
            if (size > int.MaxValue) throw Bad($"dimension {i} of the shape is {size}, more than this library's limit of {int.MaxValue}");
            shape[i++] = (int)size;
        }

        if (offsetsValue is not { ValueKind: JsonValueKind.Array } offsets || offsets.GetArrayLength() != 2)
            throw Bad("data_offsets is missing or not a pair [begin, end]");
        var begin = offsets[0];
        var end = offsets[1];
        if (begin.ValueKind != JsonValueKind.Number || !begin.TryGetInt64(out var b) || b < 0
            || end.ValueKind != JsonValueKind.Number || !end.TryGetInt64(out var e) || e < 0)
            throw Bad("data_offsets are not non-negative integers");
        return new SafeTensorsEntry(name, dtype, shape, b, e);
    }

    // In offset order the tensors must tile the data section from 0 with no gap or overlap, each exactly as long as
    // its dtype and shape need. Returns the data section's length.
    private static long CheckLayout(List<SafeTensorsEntry> entries, string file, long dataStart)
    {
        entries.Sort((x, y) => x.Begin != y.Begin ? x.Begin.CompareTo(y.Begin) : x.End.CompareTo(y.End));
        long expected = 0;
        foreach (var entry in entries)
        {
            if (entry.Begin != expected)
                throw new CheckpointFormatException(
                    entry.Begin > expected
                        ? $"the tensor starts at data byte {entry.Begin} but the previous one ends at {expected} (offsets must be contiguous)"
                        : $"the tensor starts at data byte {entry.Begin}, inside the previous one, which ends at {expected} (tensors must not overlap)",
                    file, entry.Name, dataStart + Math.Min(entry.Begin, expected));
            if (entry.End < entry.Begin)
                throw new CheckpointFormatException($"the tensor ends (data byte {entry.End}) before it begins ({entry.Begin})", file, entry.Name, dataStart + entry.Begin);
            long needed;
            try
            {
                needed = checked(TensorShape.ElementCountLong(entry.Shape) * entry.DType.ItemSize());
            }
            catch (Exception e) when (e is ArgumentException or OverflowException)
            {
                throw new CheckpointFormatException($"the shape {TensorShape.Format(entry.Shape)} needs more bytes than any file can hold", file, entry.Name, dataStart + entry.Begin);
            }

            if (entry.End - entry.Begin != needed)
                throw new CheckpointFormatException(
                    $"a {entry.DType.NumpyName()}{TensorShape.Format(entry.Shape)} tensor needs {needed} bytes but its data_offsets [{entry.Begin}, {entry.End}] hold {entry.End - entry.Begin}",
                    file, entry.Name, dataStart + entry.Begin);
            expected = entry.End;
        }

        return expected;
    }

    /// <summary>
    /// The header bytes (length prefix included) the reference implementation writes for tensors already in
    /// file order with their offsets: compact JSON, <c>__metadata__</c> first, padded with spaces to a multiple of 8.
    /// </summary>
    /// <exception cref="CheckpointException">The header would pass the format's 100 MB limit.</exception>
    public static byte[] Write(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        var first = true;
        if (metadata is not null)
        {
            Key(json, MetadataKey, ref first);
            json.Append('{');
            var firstItem = true;
            foreach (var (key, value) in metadata)
            {
                Key(json, key, ref firstItem);
                JsonText.AppendString(json, value);
            }

            json.Append('}');
        }

        foreach (var entry in entries)
        {
            Key(json, entry.Name, ref first);
            json.Append("{\"dtype\":\"").Append(SafeTensorsDTypes.NameOf(entry.DType)).Append("\",\"shape\":[")
                .AppendJoin(',', entry.Shape).Append("],\"data_offsets\":[").Append(entry.Begin).Append(',').Append(entry.End).Append("]}");
        }

        json.Append('}');
        var text = Encoding.UTF8.GetBytes(json.ToString());
        var padded = (text.Length + 7) / 8 * 8;
        if (padded > MaxHeaderLength)
            throw new CheckpointException($"The safetensors header would take {padded} bytes, more than the format's limit of {MaxHeaderLength}.");
        var result = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        text.CopyTo(result, 8);
        result.AsSpan(8 + text.Length).Fill((byte)' ');
        return result;
    }

    private static void Key(StringBuilder json, string key, ref bool first)
    {
        if (!first) json.Append(',');
        first = false;
        JsonText.AppendString(json, key);
        json.Append(':');
    }
}
