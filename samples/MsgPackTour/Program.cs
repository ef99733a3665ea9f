// A tour of the braintools msgpack checkpointing guide, in C#: each section mirrors one of the guide's.
// Files go to a temporary directory; the program exits with code 1 if any check fails.
using Checkpoint;
using MsgPackTour;

var dir = Directory.CreateTempSubdirectory("checkpoint-tour-").FullName;
var checks = new Checks();
try
{
    Sections.SimpleStructures(dir, checks);
    Sections.Templates(dir, checks);
    Sections.Models(dir, checks);
    Sections.CustomTypes(dir, checks);
    Sections.MismatchHandling(dir, checks);
    await Sections.AsyncSaves(dir, checks);
    Sections.Quantities(dir, checks);
    Sections.MissingFile(dir, checks);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

Console.WriteLine(checks.Failures == 0 ? "all checks passed" : $"{checks.Failures} check(s) failed");
return checks.Failures == 0 ? 0 : 1;
