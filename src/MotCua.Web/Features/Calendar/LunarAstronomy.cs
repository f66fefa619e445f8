namespace MotCua.Web.Features.Calendar;

/// <summary>
/// The two astronomical quantities the lunisolar calendar is built from: the instants of new moon and the
/// apparent longitude of the sun. Formulas from Jean Meeus, <i>Astronomical Algorithms</i> (2nd ed., 1998):
/// chapter 49 (new moon, with the planetary arguments), chapter 25 (sun, "low accuracy", about 0.01°), and
/// the ΔT polynomials of Espenak &amp; Meeus (NASA, 2006). Written from the book, not from calendar code.
/// </summary>
/// <remarks>
/// Times are Julian Ephemeris Days (JDE, Terrestrial Time) unless a name says UT. Accuracy is a few seconds
/// for new moons and about a quarter of an hour for solar terms, which only matters when a new moon or a
/// solar term falls within minutes of local midnight: the calendar as published stays authoritative, which
/// is why it is stored as editable data and these numbers only pre-fill it.
/// </remarks>
public static class LunarAstronomy
{
    /// <summary>Julian Day of 0001-01-01 00:00 UT, the origin of <see cref="DateOnly.DayNumber"/>.</summary>
    public const double DayNumberEpochJd = 1721425.5;

    private const double SynodicMonth = 29.530588861;
    private const double FirstNewMoonOf2000Jde = 2451550.09766;
    private const double J2000 = 2451545.0;

    /// <summary>The index k of the mean new moon at or before an instant (k = 0 is 2000-01-06).</summary>
    public static int NewMoonIndexBefore(double jde) => (int)Math.Floor((jde - FirstNewMoonOf2000Jde) / SynodicMonth);

    /// <summary>True (not mean) new moon number <paramref name="k"/>, Meeus ch. 49.</summary>
    public static double NewMoonJde(int k)
    {
        double kd = k;
        var t = kd / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var t4 = t3 * t;

        var jde = FirstNewMoonOf2000Jde + SynodicMonth * kd + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;

        // Eccentricity of the Earth's orbit: terms in the sun's anomaly shrink as it decreases.
        var e = 1 - 0.002516 * t - 0.0000074 * t2;
        var e2 = e * e;
        var m = Radians(2.5534 + 29.10535670 * kd - 0.0000014 * t2 - 0.00000011 * t3);
        var mp = Radians(201.5643 + 385.81693528 * kd + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
        var f = Radians(160.7108 + 390.67050284 * kd - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
        var omega = Radians(124.7746 - 1.56375588 * kd + 0.0020672 * t2 + 0.00000215 * t3);

        var correction =
            -0.40720 * Math.Sin(mp)
            + 0.17241 * e * Math.Sin(m)
            + 0.01608 * Math.Sin(2 * mp)
            + 0.01039 * Math.Sin(2 * f)
            + 0.00739 * e * Math.Sin(mp - m)
            - 0.00514 * e * Math.Sin(mp + m)
            + 0.00208 * e2 * Math.Sin(2 * m)
            - 0.00111 * Math.Sin(mp - 2 * f)
            - 0.00057 * Math.Sin(mp + 2 * f)
            + 0.00056 * e * Math.Sin(2 * mp + m)
            - 0.00042 * Math.Sin(3 * mp)
            + 0.00042 * e * Math.Sin(m + 2 * f)
            + 0.00038 * e * Math.Sin(m - 2 * f)
            - 0.00024 * e * Math.Sin(2 * mp - m)
            - 0.00017 * Math.Sin(omega)
            - 0.00007 * Math.Sin(mp + 2 * m)
            + 0.00004 * Math.Sin(2 * mp - 2 * f)
            + 0.00004 * Math.Sin(3 * m)
            + 0.00003 * Math.Sin(mp + m - 2 * f)
            + 0.00003 * Math.Sin(2 * mp + 2 * f)
            - 0.00003 * Math.Sin(mp + m + 2 * f)
            + 0.00003 * Math.Sin(mp - m + 2 * f)
            - 0.00002 * Math.Sin(mp - m - 2 * f)
            - 0.00002 * Math.Sin(3 * mp + m)
            + 0.00002 * Math.Sin(4 * mp);

        // Planetary perturbations (Meeus' A1..A14).
        var planetary =
            0.000325 * Math.Sin(Radians(299.77 + 0.107408 * kd - 0.009173 * t2))
            + 0.000165 * Math.Sin(Radians(251.88 + 0.016321 * kd))
            + 0.000164 * Math.Sin(Radians(251.83 + 26.651886 * kd))
            + 0.000126 * Math.Sin(Radians(349.42 + 36.412478 * kd))
            + 0.000110 * Math.Sin(Radians(84.66 + 18.206239 * kd))
            + 0.000062 * Math.Sin(Radians(141.74 + 53.303771 * kd))
            + 0.000060 * Math.Sin(Radians(207.14 + 2.453732 * kd))
            + 0.000056 * Math.Sin(Radians(154.84 + 7.306860 * kd))
            + 0.000047 * Math.Sin(Radians(34.52 + 27.261239 * kd))
            + 0.000042 * Math.Sin(Radians(207.19 + 0.121824 * kd))
            + 0.000040 * Math.Sin(Radians(291.34 + 1.844379 * kd))
            + 0.000037 * Math.Sin(Radians(161.72 + 24.198154 * kd))
            + 0.000035 * Math.Sin(Radians(239.56 + 25.513099 * kd))
            + 0.000023 * Math.Sin(Radians(331.55 + 3.592518 * kd));

        return jde + correction + planetary;
    }

    /// <summary>Apparent geocentric longitude of the sun in degrees [0, 360), Meeus ch. 25.</summary>
    public static double SunApparentLongitude(double jde)
    {
        var t = (jde - J2000) / 36525;
        var t2 = t * t;
        var meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t2;
        var meanAnomaly = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t2);
        var center =
            (1.914602 - 0.004817 * t - 0.000014 * t2) * Math.Sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * meanAnomaly)
            + 0.000289 * Math.Sin(3 * meanAnomaly);
        var omega = Radians(125.04 - 1934.136 * t);
        // Aberration and the main term of nutation turn the true longitude into the apparent one.
        var apparent = meanLongitude + center - 0.00569 - 0.00478 * Math.Sin(omega);
        return NormalizeDegrees(apparent);
    }

    /// <summary>The instant (JDE) near <paramref name="guessJde"/> when the sun's apparent longitude equals
    /// <paramref name="longitude"/> degrees (a solar term: 270° is the winter solstice).</summary>
    public static double SolarLongitudeJde(double longitude, double guessJde)
    {
        var jde = guessJde;
        for (var i = 0; i < 30; i++)
        {
            var error = NormalizeDegrees(longitude - SunApparentLongitude(jde) + 180) - 180;
            // The sun moves 0.95°–1.02° a day: stepping at the mean rate converges by a few per cent each turn.
            jde += error * 365.2422 / 360;
            if (Math.Abs(error) < 1e-9) break;
        }
        return jde;
    }

    /// <summary>ΔT = TT − UT in seconds for a decimal year (Espenak &amp; Meeus polynomials, 1700–2150,
    /// and their long-term parabola outside).</summary>
    public static double DeltaTSeconds(double year)
    {
        double t;
        switch (year)
        {
            case < 1700:
            case >= 2150:
                var u = (year - 1820) / 100;
                return -20 + 32 * u * u;
            case < 1800:
                t = year - 1700;
                return 8.83 + 0.1603 * t - 0.0059285 * t * t + 0.00013336 * t * t * t - Math.Pow(t, 4) / 1174000;
            case < 1860:
                t = year - 1800;
                return 13.72 - 0.332447 * t + 0.0068612 * t * t + 0.0041116 * Math.Pow(t, 3) - 0.00037436 * Math.Pow(t, 4)
                    + 0.0000121272 * Math.Pow(t, 5) - 0.0000001699 * Math.Pow(t, 6) + 0.000000000875 * Math.Pow(t, 7);
            case < 1900:
                t = year - 1860;
                return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * Math.Pow(t, 3) - 0.0004473624 * Math.Pow(t, 4)
                    + Math.Pow(t, 5) / 233174;
            case < 1920:
                t = year - 1900;
                return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * Math.Pow(t, 3) - 0.000197 * Math.Pow(t, 4);
            case < 1941:
                t = year - 1920;
                return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * Math.Pow(t, 3);
            case < 1961:
                t = year - 1950;
                return 29.07 + 0.407 * t - t * t / 233 + Math.Pow(t, 3) / 2547;
            case < 1986:
                t = year - 1975;
                return 45.45 + 1.067 * t - t * t / 260 - Math.Pow(t, 3) / 718;
            case < 2005:
                t = year - 2000;
                return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * Math.Pow(t, 3) + 0.000651814 * Math.Pow(t, 4)
                    + 0.00002373599 * Math.Pow(t, 5);
            case < 2050:
                t = year - 2000;
                return 62.92 + 0.32217 * t + 0.005589 * t * t;
            default:
                var v = (year - 1820) / 100;
                return -20 + 32 * v * v - 0.5628 * (2150 - year);
        }
    }

    /// <summary>Converts a JDE (Terrestrial Time) to a Julian Day in Universal Time.</summary>
    public static double ToUniversalTime(double jde)
    {
        var year = 2000 + (jde - J2000) / 365.25;
        return jde - DeltaTSeconds(year) / 86400;
    }

    /// <summary>The civil date (as <see cref="DateOnly.DayNumber"/>) of a UT instant at a fixed UTC offset.</summary>
    public static int LocalDayNumber(double jdUniversal, double utcOffsetHours) =>
        (int)Math.Floor(jdUniversal - DayNumberEpochJd + utcOffsetHours / 24);

    private static double Radians(double degrees) => NormalizeDegrees(degrees) * (Math.PI / 180);

    private static double NormalizeDegrees(double degrees)
    {
        var d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}
