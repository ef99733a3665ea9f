using Checkpoint.Generators.Model;

namespace Checkpoint.Generators.Pipeline;

/// <summary>What the syntax trigger found: the classes that may be models, and any global aliases of Checkpoint attributes.</summary>
/// <param name="Classes">Each class once.</param>
/// <param name="GlobalAliases">Names that <c>global using</c> directives give the member attributes (usually none).</param>
internal sealed record ModelClassSet(EquatableArray<ModelClass> Classes, EquatableArray<string> GlobalAliases);
