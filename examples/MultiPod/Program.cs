// Temporary until the generator emits Main.
namespace Examples.MultiPod;

internal static class Program
{
    public static int Main() => 0;
}
