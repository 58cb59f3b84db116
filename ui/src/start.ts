// main.tsx imports this first, so the first screen's calls go out before the components are evaluated.
import { earlyApi } from "./ipc/early";

export const api = earlyApi();
