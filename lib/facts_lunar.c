/* facts_lunar.c - the Chinese lunisolar calendar, computed: lunar dates
 * (春节, 农历八月十五, 正月初八) as Gregorian days.
 *
 * The rules of the calendar in use since 1929 (GB/T 33661-2017): a month
 * begins on the day, in Beijing time (UTC+8), of a new moon; the month
 * holding the winter solstice is the 11th; when 13 months begin between
 * two such months, the first of them after the 11th that holds no
 * principal solar term (the sun's longitude a multiple of 30 degrees) is a
 * leap month, numbered as the month before it. The new moons and the sun's
 * longitude come from the series in Meeus, Astronomical Algorithms (2nd
 * ed., chapters 25 and 49), good to a minute or two, which puts a month's
 * first day right unless a new moon or a solar term falls within minutes
 * of midnight: such a month gets no value. Years outside 1960-2099 get none
 * (the 1950s calendars as published differ from the computation in two
 * months). */
#include <math.h>

#include "facts_int.h"

#define LUNAR_FIRST 1960
#define LUNAR_LAST 2099

static double rad(double deg) { return deg * 3.14159265358979323846 / 180.0; }

/* TT - UT in days: the polynomial fits of Espenak and Meeus (seconds) */
static double delta_t(double year)
{
    double t, s;
    if (year < 1941) {
        t = year - 1920;
        s = 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    } else if (year < 1961) {
        t = year - 1950;
        s = 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    } else if (year < 1986) {
        t = year - 1975;
        s = 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    } else if (year < 2005) {
        t = year - 2000;
        s = 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
            0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
    } else if (year < 2050) {
        t = year - 2000;
        s = 62.92 + 0.32217 * t + 0.005589 * t * t;
    } else {
        t = (year - 1820) / 100;
        s = -20 + 32 * t * t - 0.5628 * (2150 - year);
    }
    return s / 86400.0;
}

/* the day (days since 1970-01-01) in Beijing time of an instant given as a
 * Julian Ephemeris Day; *near is set to -1 or 1 when the instant is so
 * near the midnight before or after (margin minutes) that the day may be
 * the one before or after */
static long beijing_day_of(double jde, double margin, int *near)
{
    double year = 2000 + (jde - 2451545.0) / 365.25;
    double t = jde - delta_t(year) + 8.0 / 24 - 2440587.5;
    double minutes = (t - floor(t)) * 1440;
    if (near) *near = minutes < margin ? -1 : minutes > 1440 - margin ? 1 : 0;
    return (long)floor(t);
}

static long beijing_day(double jde) { return beijing_day_of(jde, 0, NULL); }

/* the margins, in minutes: the new moons of the series are good to a
 * minute or so (1978-09-02, 9 minutes before midnight by the series, was
 * printed as a month's first day: the margin leaves it unsure); the sun's
 * longitude is good to 0.01 degree, a quarter of an hour at worst, but
 * every month 1960-2099 computed with this margin was checked against a
 * published table (python3-lunardate) and all agree */
#define MOON_MARGIN 10.0
#define TERM_MARGIN 5.0

/* the instant of new moon number k (0 = 2000-01-06), Meeus chapter 49 */
static double new_moon(double k)
{
    double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 +
                 0.00000000073 * t4;
    double e = 1 - 0.002516 * t - 0.0000074 * t2;
    double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
    double mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
    double f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
    double om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
    jde += -0.40720 * sin(mp) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f) +
           0.00739 * e * sin(mp - m) - 0.00514 * e * sin(mp + m) + 0.00208 * e * e * sin(2 * m) -
           0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m) -
           0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f) -
           0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(om) - 0.00007 * sin(mp + 2 * m) +
           0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f) +
           0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f) -
           0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp);
    /* the planetary arguments */
    static const double a0[14] = { 299.77, 251.88, 251.83, 349.42, 84.66, 141.74, 207.14,
                                   154.84, 34.52, 207.19, 291.34, 161.72, 239.56, 331.55 };
    static const double a1[14] = { 0.107408, 0.016321, 26.651886, 36.412478, 18.206239, 53.303771,
                                   2.453732, 7.306860, 27.261239, 0.121824, 1.844379, 24.198154,
                                   25.513099, 3.592518 };
    static const double ac[14] = { 0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062, 0.000060,
                                   0.000056, 0.000047, 0.000042, 0.000040, 0.000037, 0.000035, 0.000023 };
    for (int i = 0; i < 14; i++) {
        double a = a0[i] + a1[i] * k - (i == 0 ? 0.009173 * t2 : 0);
        jde += ac[i] * sin(rad(a));
    }
    return jde;
}

/* the sun's apparent longitude in degrees, Meeus chapter 25 (to 0.01) */
static double sun_longitude(double jde)
{
    double t = (jde - 2451545.0) / 36525;
    double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    double m = rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
    double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m) +
               0.000289 * sin(3 * m);
    double om = rad(125.04 - 1934.136 * t);
    double lon = fmod(l0 + c - 0.00569 - 0.00478 * sin(om), 360.0);
    return lon < 0 ? lon + 360 : lon;
}

/* the instant near jde at which the sun's longitude is deg */
static double solar_term(double jde, double deg)
{
    for (int i = 0; i < 20; i++) {
        double d = fmod(deg - sun_longitude(jde) + 540.0, 360.0) - 180.0;
        jde += d * 365.2422 / 360;
        if (fabs(d) < 1e-7) break;
    }
    return jde;
}

static double jd_of_day(long day) { return day + 2440587.5; }

/* the number of the new moon beginning the month that holds day */
static long month_holding(long day)
{
    long k = (long)floor((jd_of_day(day) - 2451550.09766) / 29.530588861) + 1;
    while (beijing_day(new_moon((double)k)) > day) k--;
    while (beijing_day(new_moon((double)(k + 1))) <= day) k++;
    return k;
}

/* which of months 1..n-1 of a 13-month sui (first days start[0..n]) is
 * the first to hold none of the principal terms term[0..12]; -1 for none */
static int first_without_term(const long *start, int n, const long *term)
{
    for (int i = 1; i < n; i++) {
        int holds = 0;
        for (int j = 0; j < 13; j++)
            if (term[j] >= start[i] && term[j] < start[i + 1]) holds = 1;
        if (!holds) return i;
    }
    return -1;
}

/* The months from the 11th of one year to the 11th of the next (a sui,
 * from the month of the winter solstice of Gregorian year y-1): start[i]
 * the first day of month i (start[n] that of the next 11th), unsure[i] 1
 * when a new moon near midnight leaves that day in doubt, num[i] the
 * month's number, leap[i] 1 for a leap month. Returns n, 12 or 13, or 0
 * when the months cannot be told for sure. */
static int sui(int y, long start[14], int unsure[14], int num[13], int leap[13])
{
    double ws1 = solar_term(2440587.5 + 365.2422 * (y - 1 - 1970) + 354, 270);
    double ws2 = solar_term(ws1 + 365.2422, 270);
    long k0 = month_holding(beijing_day(ws1)), k1 = month_holding(beijing_day(ws2));
    int n = (int)(k1 - k0);
    if (n < 12 || n > 13) return 0;
    for (int i = 0; i <= n; i++) {
        int near;
        start[i] = beijing_day_of(new_moon((double)(k0 + i)), MOON_MARGIN, &near);
        unsure[i] = near != 0;
    }
    /* the principal terms of the sui: 270, 300, ... 240 degrees */
    long term[13];
    int near[13];
    for (int j = 0; j < 13; j++)
        term[j] = beijing_day_of(solar_term(ws1 + 30.44 * j, fmod(270.0 + 30 * j, 360)), TERM_MARGIN, &near[j]);
    /* a winter solstice near midnight on the first day of a month may
     * belong to the month before: which month is the 11th is unsure */
    for (int j = 0; j <= 12; j += 12)
        for (int i = 0; near[j] && i <= n; i++)
            if ((near[j] < 0 && term[j] == start[i]) || (near[j] > 0 && term[j] + 1 == start[i])) return 0;
    int leap_at = n == 13 ? first_without_term(start, n, term) : -1;
    if (n == 13) {
        /* a term near midnight that could fall in the next or the last
         * month: unsure only if that moves the leap month */
        for (int j = 1; j < 12; j++) {
            if (!near[j]) continue;
            long keep = term[j];
            term[j] += near[j];
            int moved = first_without_term(start, n, term) != leap_at;
            term[j] = keep;
            if (moved) return 0;
        }
    }
    int m = 11;
    for (int i = 0; i < n; i++) {
        leap[i] = i == leap_at;
        if (i > 0 && !leap[i]) m = m % 12 + 1;
        num[i] = m;
    }
    return n;
}

/* the first day of month m (leap 0/1) of lunar year y in *first and its
 * length in *len (0 when the end is unsure); 0 when there is no such
 * month or its first day is unsure */
static int lunar_month(int y, int m, int leap, long *first, int *len)
{
    if (y < LUNAR_FIRST || y > LUNAR_LAST || m < 1 || m > 12) return 0;
    long start[14];
    int unsure[14], num[13], lp[13];
    /* months 1-10 lie in the sui ending with the 11th of year y, the 11th
     * and 12th (and a leap 11th or 12th) open the next one */
    int n = sui(m >= 11 ? y + 1 : y, start, unsure, num, lp);
    for (int i = 0; i < n; i++) {
        if (m >= 11 && i >= 4) break;
        if (num[i] == m && lp[i] == (leap != 0)) {
            if (unsure[i]) return 0;
            *first = start[i];
            *len = unsure[i + 1] ? 0 : (int)(start[i + 1] - start[i]);
            return 1;
        }
    }
    return 0;
}

int fx_lunar_day(int y, int m, int leap, int d, long *day)
{
    long first;
    int len;
    if (!lunar_month(y, m, leap, &first, &len) || d < 1 || d > (len ? len : 29)) return 0;
    *day = first + d - 1;
    return 1;
}

int fx_lunar_month_len(int y, int m, int leap)
{
    long first;
    int len;
    return lunar_month(y, m, leap, &first, &len) ? len : 0;
}
