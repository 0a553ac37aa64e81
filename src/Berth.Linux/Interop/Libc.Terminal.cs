namespace Berth.Linux.Interop;

public static unsafe partial class Libc
{
    public const nuint TIOCSCTTY = 0x540E, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCSPTLCK = 0x40045431,
        TIOCGPTN = 0x80045430, TIOCGPTPEER = 0x5441;

    public struct WinSize
    {
        public ushort Rows, Cols, XPixel, YPixel;
    }
}

public static unsafe partial class Libc
{
    [System.Runtime.InteropServices.LibraryImport(Lib, SetLastError = true)]
    public static partial int tcgetattr(int fd, byte* termios);

    [System.Runtime.InteropServices.LibraryImport(Lib, SetLastError = true)]
    public static partial int tcsetattr(int fd, int when, byte* termios);

    [System.Runtime.InteropServices.LibraryImport(Lib)]
    public static partial void cfmakeraw(byte* termios);

    [System.Runtime.InteropServices.LibraryImport(Lib)]
    public static partial int isatty(int fd);

    public const int TermiosSize = 64, TCSANOW = 0;
}
