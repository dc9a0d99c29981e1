/*
 * format.h -- numbers as people read them: "1.23 ms", "100,000", "52.3x".
 * Used by every table the harness prints, so that all labs look alike.
 */
#ifndef PERFLAB_FORMAT_H
#define PERFLAB_FORMAT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Seconds with 3 significant digits and a unit: "812 ns", "1.05 ms", "51.2 s", "18.3 min". */
const char *format_seconds(double seconds, char *buf, size_t size);
/* Thousands separated: 1000000 -> "1,000,000". */
const char *format_count(double value, char *buf, size_t size);
/* A ratio: "1.00x", "52.3x", "612x". */
const char *format_ratio(double ratio, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
