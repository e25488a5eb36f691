using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// The reference's number formatting, exactly: Python's <c>round(x, n)</c> (correctly rounded, half to even, on the
/// exact binary value), Python's <c>repr(float)</c> (shortest round trip, <c>.0</c> kept, exponent form outside
/// 1e-4..1e16), and the unit rules of metrics.md (times rounded to 4 dp in seconds, then <c>round(v * 1000, 4)</c> ms).
/// </summary>
public static class CompatibleFormat
{
    /// <summary>Python's <c>round(x, ndigits)</c> for a float and 0 &lt;= ndigits &lt;= 30.</summary>
    public static double PyRound(double x, int ndigits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ndigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ndigits, 30);
        if (!double.IsFinite(x) || x == 0)
        {
            return x;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var negative = bits < 0;
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        int exponent;
        if (exponentBits == 0)
        {
            exponent = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            exponent = exponentBits - 1075;
        }

        if (exponent >= 0)
        {
            return x; // an integer: nothing after the point
        }

        // |x| * 10^ndigits = mantissa * 10^ndigits / 2^-exponent, divided exactly, ties to even.
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(10, ndigits);
        var divisor = BigInteger.One << -exponent;
        var quotient = BigInteger.DivRem(scaled, divisor, out var remainder);
        var twice = remainder << 1;
        var cmp = twice.CompareTo(divisor);
        if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        var text = (negative ? "-" : "") + quotient.ToString(CultureInfo.InvariantCulture) + "E-" + ndigits.ToString(CultureInfo.InvariantCulture);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Python's <c>repr(x)</c> (= <c>str(x)</c>) of a float, e.g. <c>512.0</c>, <c>0.0813</c>, <c>1e-05</c>, <c>1e+16</c>.</summary>
    public static string PyRepr(double x)
    {
        if (double.IsNaN(x))
        {
            return "nan";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "inf" : "-inf";
        }

        if (x == 0)
        {
            return double.IsNegative(x) ? "-0.0" : "0.0";
        }

        var (negative, digits, decpt) = ShortestDigits(x);
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var e = decpt - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        }

        return sb.ToString();
    }

    /// <summary>A time statistic (seconds) as written: <c>round(round(s, 4) * 1000, 4)</c> ms, e.g. <c>12300.2 ms</c>.</summary>
    public static string TimeMs(double seconds) => PyRepr(PyRound(PyRound(seconds, 4) * 1000, 4)) + " ms";

    /// <summary>A token statistic as written: <c>round(v, 4)</c> as a bare float, e.g. <c>512.0</c>.</summary>
    public static string Tokens(double value) => PyRepr(PyRound(value, 4));

    /// <summary>A per-request rate as written: <c>round(v, 4)</c> token/s.</summary>
    public static string TokenRate(double value) => PyRepr(PyRound(value, 4)) + " token/s";

    /// <summary>A statistic of a metric of <paramref name="kind"/> as the CSV and console show it.</summary>
    public static string Statistic(MetricKind kind, double value) => kind switch
    {
        MetricKind.Time => TimeMs(value),
        MetricKind.Tokens => Tokens(value),
        _ => TokenRate(value),
    };

    /// <summary>
    /// A global value as the JSON holds it: a string with the unit when it has one (<c>1234.5 ms</c>,
    /// <c>0.0813 req/s</c>), else the bare number (<c>100</c> for counts, <c>3.9876</c> for Concurrency).
    /// </summary>
    public static string Global(GlobalValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var number = GlobalNumber(value);
        return value.Unit.Length == 0 ? number : number + " " + value.Unit;
    }

    /// <summary>The number part of <see cref="Global"/>: an int when <see cref="GlobalValue.Integer"/>, else <c>round(v, 4)</c>.</summary>
    public static string GlobalNumber(GlobalValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Integer)
        {
            return ((long)Math.Round(value.Value)).ToString(CultureInfo.InvariantCulture);
        }

        return PyRepr(PyRound(value.Value, 4));
    }

    private static (bool Negative, string Digits, int DecimalPoint) ShortestDigits(double x)
    {
        var s = x.ToString("R", CultureInfo.InvariantCulture);
        var negative = s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }

        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? s[..dot] : s;
        var frac = dot >= 0 ? s[(dot + 1)..] : "";
        var all = intPart + frac;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        var digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (negative, digits, intPart.Length - lead + exp);
    }
}
