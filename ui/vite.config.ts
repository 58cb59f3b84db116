import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// React's API on Preact (preact/compat): about 20 KB of script instead of 200 KB, which the
// webview parsed on every launch before the first screen. The tests run the same aliases, so
// they test what ships.
const preact = [
  { find: /^react$/, replacement: "preact/compat" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react-dom\/test-utils$/, replacement: "preact/test-utils" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/compat/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/compat/jsx-dev-runtime" },
];

export default defineConfig({
  plugins: [react()],
  resolve: { alias: preact },
  // Tauri serves the files itself; relative paths keep them working under its protocol.
  base: "./",
  build: { target: "safari15", outDir: "dist", emptyOutDir: true },
  // css: the stylesheet is read as text by a test (the sticky summary's stacking).
  // Testing Library's ES module build, run through Vite (not loaded by Node) so that the aliases
  // reach it too: its CommonJS build would load React itself.
  test: {
    alias: [{ find: /^@testing-library\/react$/, replacement: "@testing-library/react/dist/@testing-library/react.esm.js" }],
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.tsx"],
    css: { include: [/styles\.css/] },
    server: { deps: { inline: [/@testing-library\/react/] } },
  },
});
