import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Resolved from this file, not from the working directory, so `vite --config web/vite.config.ts`
// works from anywhere.
const webRoot = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = "http://127.0.0.1:8080";

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // ECharts is split out by its dynamic import; keep the warning for anything else that grows.
    chunkSizeWarningLimit: 600,
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/metrics": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/metrics": { target: apiTarget, changeOrigin: false },
    },
  },
});
