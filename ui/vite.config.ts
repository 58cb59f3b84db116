import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  // Tauri serves the files itself; relative paths keep them working under its protocol.
  base: "./",
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
  // css: the stylesheet is read as text by a test (the sticky summary's stacking).
  test: { environment: "jsdom", setupFiles: ["./src/test/setup.ts"], include: ["src/**/*.test.tsx"], css: { include: [/styles\.css/] } },
});
