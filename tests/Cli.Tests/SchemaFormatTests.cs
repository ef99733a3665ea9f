using System.Numerics;
using Checkpoint.Schema;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// The schema format's one reader and writer (src/Shared/Schema, compiled into the tool, the generator and the
/// analyzers): paths, lines, files, the comparison, and the dtype rule that mirrors the runtime's.
/// </summary>
public sealed class SchemaFormatTests
{
    public static TheoryData<string> Keys() =>
        ["weight", "a.b", "a b", "*", "", "\\", "\\.", "x*y", "tab\there", "line\nbreak", "\u202eevil", "ünïcödé", "..", "\\u0041", "e"];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_escapes_to_one_form_that_reads_back_as_itself(string key)
    {
        var path = SchemaPaths.Join([SchemaPaths.Escape("root"), SchemaPaths.Escape(key), SchemaPaths.Escape("leaf")]);

        Assert.True(SchemaPaths.TryParse(path, out var canonical, out var segments, out var reason), reason);
        Assert.Equal(path, canonical);
        Assert.Equal(3, segments.Length);
        Assert.Equal(SchemaPaths.Escape(key), segments[1]);
        Assert.Equal(segments, SchemaPaths.Split(canonical));
        Assert.DoesNotContain(canonical, char.IsWhiteSpace);
    }

    [Fact]
    public void A_star_segment_is_a_wildcard_and_an_escaped_star_a_key()
    {
        Assert.True(SchemaPaths.TryParse("layers.*.w", out _, out var wildcard, out _));
        Assert.True(SchemaPaths.TryParse(@"layers.\*.w", out _, out var literal, out _));
        Assert.True(SchemaPaths.TryParse("layers.7.w", out _, out var concrete, out _));

        Assert.True(SchemaPaths.Matches(concrete, wildcard));
        Assert.True(SchemaPaths.Matches(literal, wildcard));
        Assert.False(SchemaPaths.Matches(concrete, literal));
        Assert.False(SchemaPaths.Matches(wildcard, concrete));
    }

    [Fact]
    public void Escapes_are_read_into_their_canonical_form()
    {
        Assert.True(SchemaPaths.TryParse(@"\u0041.b\u002ec", out var canonical, out _, out _));
        Assert.Equal(@"A.b\.c", canonical);
    }

    [Theory]
    [InlineData("a..b", "a key is empty")]
    [InlineData("a.b*", "'*' stands for any key only as a whole segment")]
    [InlineData(@"a\q", "unknown escape")]
    [InlineData(@"a\u12", "four hexadecimal digits")]
    [InlineData(@"a\", "lone backslash")]
    [InlineData(@"a\eb", "must be a whole segment")]
    public void Bad_paths_are_refused_with_a_reason(string path, string reason)
    {
        Assert.False(SchemaPaths.TryParse(path, out _, out _, out var actual));
        Assert.Contains(reason, actual);
    }

    [Theory]
    [InlineData("Net encoder.w float32 2 array", "expected \"Model: path dtype rank kind\"")]
    [InlineData("Net: encoder.w float32 2", "expected 4 fields")]
    [InlineData("Net: encoder.w float32 2 array extra", "expected 4 fields")]
    [InlineData("Net: encoder.w float33 2 array", "unknown dtype 'float33'")]
    [InlineData("Net: encoder.w float32 -1 array", "the rank '-1'")]
    [InlineData("Net: encoder.w float32 65 array", "the rank '65'")]
    [InlineData("Net: encoder.w float32 2 tensor", "unknown kind 'tensor'")]
    [InlineData("Two Words: w float32 2 array", "is not a model name")]
    [InlineData("Net: a..b float32 2 array", "a key is empty")]
    public void Each_bad_line_is_an_error_naming_its_number_and_what_is_wrong(string bad, string reason)
    {
        var document = SchemaText.Parse($"# header\nNet: ok float32 2 array\n{bad}\n");

        var error = Assert.Single(document.Errors);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(bad, error.Text);
        Assert.Contains(reason, error.Reason);
        Assert.Single(document.Lines);
    }

    [Fact]
    public void A_path_listed_twice_is_an_error_on_the_second_line()
    {
        var document = SchemaText.Parse("Net: w float32 2 array\r\n\r\n  Net: w float64 2 array  \r\n");

        Assert.Equal(1, Assert.Single(document.Lines).LineNumber);
        var error = Assert.Single(document.Errors);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("line 1 already lists Net: w", error.Reason);
    }

    [Fact]
    public void A_byte_order_mark_and_an_overlong_line_do_not_break_reading()
    {
        var document = SchemaText.Parse("\uFEFFNet: w float32 2 array\nNet: " + new string('x', SchemaText.MaxLineLength) + " float32 2 array\n");

        Assert.Equal("Net", Assert.Single(document.Lines).Line.Model);
        Assert.Contains("longer than", Assert.Single(document.Errors).Reason);
    }

    [Fact]
    public void Printing_sorts_by_model_then_path_keeps_each_path_once_and_starts_with_the_header()
    {
        var text = SchemaText.Print(
        [
            new SchemaLine("Net", "b", "float32", 1, SchemaKinds.Array),
            new SchemaLine("Actor", "z", SchemaDTypes.Int, 0, SchemaKinds.Scalar),
            new SchemaLine("Net", "a.w", "float32", SchemaLine.AnyRank, SchemaKinds.Array),
            new SchemaLine("Net", "b", "float32", 1, SchemaKinds.Array),
        ]);

        Assert.Equal(SchemaText.Header + "\nActor: z int 0 scalar\nNet: a.w float32 * array\nNet: b float32 1 array\n", text);
    }

    [Fact]
    public void The_dtype_rule_agrees_with_the_runtime_for_every_pair()
    {
        var dtypes = Enum.GetValues<DType>();
        Assert.Equal(dtypes.Select(d => d.NumpyName()), SchemaDTypes.NumpyNames);
        foreach (var from in dtypes)
        {
            foreach (var to in dtypes)
            {
                Assert.True(
                    DTypes.IsLosslessConversion(from, to) == SchemaDTypes.IsLosslessConversion(from.NumpyName(), to.NumpyName()),
                    $"{from.NumpyName()} -> {to.NumpyName()}: runtime {DTypes.IsLosslessConversion(from, to)}");
            }
        }
    }

    [Fact]
    public void The_type_names_of_generated_code_map_to_the_runtime_dtypes_of_those_types()
    {
        (string Name, DType DType)[] types =
        [
            ("bool", DTypes.Of<bool>()), ("sbyte", DTypes.Of<sbyte>()), ("short", DTypes.Of<short>()), ("int", DTypes.Of<int>()),
            ("long", DTypes.Of<long>()), ("byte", DTypes.Of<byte>()), ("ushort", DTypes.Of<ushort>()), ("uint", DTypes.Of<uint>()),
            ("ulong", DTypes.Of<ulong>()), ("global::System.Half", DTypes.Of<Half>()), ("global::Checkpoint.BFloat16", DTypes.Of<BFloat16>()),
            ("float", DTypes.Of<float>()), ("double", DTypes.Of<double>()), ("global::Checkpoint.Complex64", DTypes.Of<Complex64>()),
            ("global::System.Numerics.Complex", DTypes.Of<Complex>()),
        ];
        Assert.Equal(Enum.GetValues<DType>().Length, types.Length);
        foreach (var (name, dtype) in types) Assert.Equal(dtype.NumpyName(), SchemaDTypes.FromTypeName(name));
        Assert.Null(SchemaDTypes.FromTypeName("T"));
    }

    [Theory]
    [InlineData("float32", "float64", "Lossless")]
    [InlineData("float64", "float32", "Lossy")]
    [InlineData("float32", "float32", "Same")]
    [InlineData("int", "int16", "Same")]
    [InlineData("int32", "int", "Same")]
    [InlineData("bool", "int", "Lossless")]
    [InlineData("int", "float64", "Lossy")]
    [InlineData("float32", "int", "Lossy")]
    [InlineData("str", "float32", "Lossy")]
    [InlineData("*", "float16", "Same")]
    [InlineData("none", "str", "Same")]
    public void Dtype_changes_are_judged_by_what_a_load_accepts(string saved, string current, string expected) =>
        Assert.Equal(expected, SchemaDTypes.Compare(saved, current).ToString());

    private static NumberedLine Saved(int number, string path, string dtype = "float32", int rank = 2, string kind = SchemaKinds.Array, string model = "Net") =>
        new(number, new SchemaLine(model, path, dtype, rank, kind));

    private static SchemaEntry Code(string path, string dtype = "float32", int rank = SchemaLine.AnyRank, string kind = SchemaKinds.Array, params string[] former) =>
        new(new SchemaLine("Net", path, dtype, rank, kind), former);

    [Fact]
    public void A_saved_path_the_code_no_longer_has_is_gone_unless_a_former_name_reads_it()
    {
        var findings = SchemaComparison.Compare([Saved(1, "encoder.weight"), Saved(2, "encoder.w")], [Code("encoder.kernel", former: "encoder.w")]);

        var gone = Assert.Single(findings, f => f.Kind == SchemaFindingKind.Gone);
        Assert.Equal("encoder.weight", gone.Saved!.Line.Path);
        Assert.Null(gone.Proposed);
        // The renamed path is read through its former name; its new name is not listed yet.
        var unlisted = Assert.Single(findings, f => f.Kind == SchemaFindingKind.Unlisted);
        Assert.Equal("encoder.kernel", unlisted.Proposed!.Path);
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void A_lossy_change_is_reported_with_the_line_that_accepts_it_keeping_the_saved_rank()
    {
        var findings = SchemaComparison.Compare([Saved(1, "w", "float32", 3)], [Code("w", "float16")]);

        var changed = Assert.Single(findings);
        Assert.Equal(SchemaFindingKind.Changed, changed.Kind);
        Assert.Contains("does not convert losslessly to float16", changed.Reason);
        Assert.Equal(new SchemaLine("Net", "w", "float16", 3, SchemaKinds.Array), changed.Proposed);
    }

    [Fact]
    public void A_lossy_change_of_a_path_kept_for_a_former_name_is_accepted_by_dropping_the_line()
    {
        var findings = SchemaComparison.Compare([Saved(1, "w", "float64"), Saved(2, "kernel", "float32")], [Code("kernel", "float32", former: "w")]);

        var changed = Assert.Single(findings);
        Assert.Equal(SchemaFindingKind.Changed, changed.Kind);
        Assert.Equal(1, changed.Saved!.LineNumber);
        Assert.Null(changed.Proposed);
    }

    [Theory]
    [InlineData(2, SchemaKinds.Array, 1, SchemaKinds.Array, "saved with rank 2, read with rank 1")]
    [InlineData(0, SchemaKinds.Scalar, 0, SchemaKinds.Array, "saved as a scalar, read as an array")]
    [InlineData(1, SchemaKinds.Array, 0, SchemaKinds.Scalar, "saved as an array, read as a scalar")]
    [InlineData(0, SchemaKinds.String, 0, SchemaKinds.Scalar, "saved as a string, read as a scalar")]
    public void Rank_and_kind_changes_are_lossy(int savedRank, string savedKind, int currentRank, string currentKind, string reason)
    {
        var finding = Assert.Single(SchemaComparison.Compare([Saved(1, "v", "float32", savedRank, savedKind)], [Code("v", "float32", currentRank, currentKind)]));

        Assert.Equal(SchemaFindingKind.Changed, finding.Kind);
        Assert.Equal(reason, finding.Reason);
    }

    [Fact]
    public void What_the_code_does_not_know_matches_anything()
    {
        // A 0-d array loads into a scalar; an unknown rank or dtype (NdArray<T>, a type parameter) matches any.
        Assert.Empty(SchemaComparison.Compare(
            [Saved(1, "a", "float32", 0), Saved(2, "b", "float64", 4), Saved(3, "c", "int8", 1), Saved(4, "d", SchemaDTypes.None, SchemaLine.AnyRank, SchemaKinds.None)],
            [Code("a", "float32", 0, SchemaKinds.Scalar), Code("b", "float64"), Code("c", SchemaDTypes.Any, 1), Code("d", SchemaDTypes.Str, 0, SchemaKinds.String)]));
    }

    [Fact]
    public void A_lossless_change_is_outdated_and_its_line_is_updated()
    {
        var finding = Assert.Single(SchemaComparison.Compare([Saved(1, "w", "float32", 2)], [Code("w", "float64")]));

        Assert.Equal(SchemaFindingKind.Outdated, finding.Kind);
        Assert.Equal(new SchemaLine("Net", "w", "float64", 2, SchemaKinds.Array), finding.Proposed);
    }

    [Fact]
    public void Concrete_list_entries_match_the_codes_wildcard_and_count_as_listing_it()
    {
        var findings = SchemaComparison.Compare(
            [Saved(1, "layers.0.w"), Saved(2, "layers.1.w"), Saved(3, "layers.1.b")],
            [Code("layers.*.w")]);

        var gone = Assert.Single(findings);
        Assert.Equal(SchemaFindingKind.Gone, gone.Kind);
        Assert.Equal("layers.1.b", gone.Saved!.Line.Path);
    }

    [Fact]
    public void Unmatched_paths_below_an_open_place_are_not_gone_but_matched_ones_are_still_checked()
    {
        // "external": a child from another assembly; "layers.*": children with subclasses the code does not list.
        SchemaPlace[] open = [new("Net", "external"), new("Net", "layers.*")];

        var findings = SchemaComparison.Compare(
            [Saved(1, "external.w"), Saved(2, "other.w"), Saved(3, "layers.0.kernel"), Saved(4, "layers.0.w", "float64")],
            [Code("own"), Code("layers.*.w", "float32")],
            open);

        Assert.Equal(["other.w"], findings.Where(f => f.Kind == SchemaFindingKind.Gone).Select(f => f.Saved!.Line.Path));
        Assert.Equal(4, Assert.Single(findings, f => f.Kind == SchemaFindingKind.Changed).Saved!.LineNumber);
    }

    [Fact]
    public void A_whole_model_can_be_open()
    {
        // A model whose base class is in another assembly: any path may be the base's.
        var findings = SchemaComparison.Compare([Saved(1, "base.w"), Saved(2, "own", "float64")], [Code("own", "float32")], [new SchemaPlace("Net", "")]);

        Assert.Equal(SchemaFindingKind.Changed, Assert.Single(findings).Kind);
    }

    [Fact]
    public void Lines_of_a_model_the_code_does_not_have_are_reported_once()
    {
        var findings = SchemaComparison.Compare([Saved(1, "w", model: "Old"), Saved(2, "b", model: "Old")], [Code("w")]);

        var unknown = Assert.Single(findings, f => f.Kind == SchemaFindingKind.UnknownModel);
        Assert.Equal(1, unknown.Saved!.LineNumber);
        Assert.Contains("'Old' is not a model", unknown.Reason);
    }
}
