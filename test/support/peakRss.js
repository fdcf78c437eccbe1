// Preloaded (node --require) into a child process by the hostile-file tests: reports the process's peak
// resident memory when it exits, as the last line on stderr, for the test to read and strip.
process.on("exit", () => {
  require("fs").writeSync(2, `\n__PEAK_KB=${process.resourceUsage().maxRSS}\n`);
});
