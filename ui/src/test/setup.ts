import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { options } from "preact";

afterEach(cleanup);

// jsdom paints nothing: effects run a task after the render (as React's scheduler runs them)
// instead of on jsdom's 16 ms animation-frame timer, so a test acting once the screen shows
// finds its listeners and focus in place.
options.requestAnimationFrame = (run) => setTimeout(run);
