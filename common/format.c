/*
 * format.c -- see format.h.
 */
#include "format.h"

#include <math.h>
#include <stdio.h>

/* 3 significant digits: 1.23, 12.3, 123. */
static void three_digits(double v, const char *unit, char *buf, size_t size)
{
    if (v >= 99.95)
        snprintf(buf, size, "%.0f %s", v, unit);
    else if (v >= 9.995)
        snprintf(buf, size, "%.1f %s", v, unit);
    else
        snprintf(buf, size, "%.2f %s", v, unit);
}

const char *format_seconds(double s, char *buf, size_t size)
{
    if (!(s >= 0) || isinf(s))
        snprintf(buf, size, "-");
    else if (s < 1e-6)
        three_digits(s * 1e9, "ns", buf, size);
    else if (s < 1e-3)
        three_digits(s * 1e6, "us", buf, size);
    else if (s < 1)
        three_digits(s * 1e3, "ms", buf, size);
    else if (s < 120)
        three_digits(s, "s", buf, size);
    else if (s < 7200)
        three_digits(s / 60, "min", buf, size);
    else
        three_digits(s / 3600, "h", buf, size);
    return buf;
}

const char *format_count(double value, char *buf, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(value));
    size_t len = 0, n = 0;
    while (digits[n])
        n++;
    if (value < 0 && len + 1 < size)
        buf[len++] = '-';
    for (size_t i = 0; i < n && len + 2 < size; i++) {
        buf[len++] = digits[i];
        size_t left = n - i - 1;
        if (left > 0 && left % 3 == 0)
            buf[len++] = ',';
    }
    buf[len] = '\0';
    return buf;
}

const char *format_ratio(double r, char *buf, size_t size)
{
    if (!(r > 0) || isinf(r))
        snprintf(buf, size, "-");
    else if (r >= 99.5)
        snprintf(buf, size, "%.0fx", r);
    else if (r >= 9.95)
        snprintf(buf, size, "%.1fx", r);
    else
        snprintf(buf, size, "%.2fx", r);
    return buf;
}
