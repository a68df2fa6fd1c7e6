/** JMH benchmarks and the profile load driver. Results: {@code benchmarks/results/}. */
@NullMarked
package dev.custintel.benchmarks;

import org.jspecify.annotations.NullMarked;
