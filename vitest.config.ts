import { availableParallelism } from "node:os";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          // The server-side files share one module graph per worker instead of loading it again for
          // each file (a third of the suite's time went to that). They use no module mocks, stubs or
          // fake timers, and every file makes its own databases, servers and sandboxes.
          isolate: false,
          // Most of these files wait on PostgreSQL, servers and child processes rather than compute:
          // two files at once even on two cores (vitest's default there is one).
          maxWorkers: Math.max(2, availableParallelism() - 1),
          sequence: { groupOrder: 0 },
          exclude: ["test/e2e/**", "node_modules/**"],
        },
      },
      {
        // The portal's components, rendered in happy-dom with @testing-library/react.
        extends: true,
        plugins: [react()],
        test: {
          name: "web",
          // After the server-side files, one file at a time per spare core (vitest's default).
          sequence: { groupOrder: 1 },
          environment: "happy-dom",
          include: ["web/src/**/*.test.{ts,tsx}"],
          setupFiles: ["web/src/test-setup.ts"],
        },
      },
    ],
  },
});
