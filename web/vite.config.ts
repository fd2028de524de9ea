import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The portal: built into dist/web and served by the API server (src/api/portal.ts). During
// development `vite --config web/vite.config.ts` serves it with the API proxied to a running
// `npm start` on port 3000.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      "/v1": "http://127.0.0.1:3000",
      "/docs": "http://127.0.0.1:3000",
    },
  },
});
