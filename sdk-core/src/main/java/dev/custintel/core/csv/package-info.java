/**
 * Reading delimited text files line by line: {@link dev.custintel.core.csv.LineReader} (UTF-8, physical line
 * numbers for error messages), {@link dev.custintel.core.csv.CsvLineSplitter} (one line into fields, RFC 4180
 * quoting within a line) and {@link dev.custintel.core.csv.CsvHeader} (column positions by case-insensitive name).
 *
 * <p>The core's CSV import and the analytics basket readers use these, so every Custintel file reader accepts the
 * same dialect and reports errors the same way: an {@link dev.custintel.core.InvalidInputException} whose record
 * is the file or {@code "line N"}. Hosts may use them for their own files.
 */
@NullMarked
package dev.custintel.core.csv;

import org.jspecify.annotations.NullMarked;
