using Xunit;

// Each browser test starts its own host (migrate, seed, serve) and a Chromium: run them one after the other, so that on a
// shared two-core machine no host waits for the others to seed before its /health answers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
