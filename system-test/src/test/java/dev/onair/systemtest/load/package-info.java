/**
 * The signaling-gateway load tool: thousands of protocol-speaking WebSocket sessions
 * (reactor-netty, a few event-loop threads, every frame timestamped on arrival) driven
 * open-loop against the running stack's gateways or through edge-web. The
 * {@code *Benchmark} classes are the scenarios of issue 12; they print what they measured
 * and assert no timings. Parameters and commands are in {@code docs/benchmarks.md}.
 */
package dev.onair.systemtest.load;
