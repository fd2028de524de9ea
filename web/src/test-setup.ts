import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Without vitest globals, @testing-library does not unmount by itself between tests.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
