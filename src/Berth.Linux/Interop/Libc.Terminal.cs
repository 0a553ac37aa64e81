namespace Berth.Linux.Interop;

public static partial class Libc
{
    public const nuint TIOCSCTTY = 0x540E, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, TIOCSPTLCK = 0x40045431,
        TIOCGPTN = 0x80045430, TIOCGPTPEER = 0x5441;

    public struct WinSize
    {
        public ushort Rows, Cols, XPixel, YPixel;
    }
}
