/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
  },
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/src/**/*.test.tsx", "<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
  testTimeout: 60000,
  // The pane's Web Worker is started through import.meta.url, which webpack bundles; jsdom has no workers, so the pane computes inline there.
  moduleNameMapper: { "(^|/)startWorker$": "<rootDir>/test/support/noWorker.ts" },
  setupFiles: ["<rootDir>/test/support/jsdomSetup.ts"],
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
