using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PodBench.Build.Tasks;

/// <summary>A <see cref="System.IO.TextWriter"/> that turns each written line into an MSBuild message.</summary>
internal sealed class TaskLogWriter(TaskLoggingHelper log) : System.IO.TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            log.LogMessage(MessageImportance.High, _line.ToString());
            _line.Clear();
        }
    }
}
