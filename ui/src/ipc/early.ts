// The first screen's call, sent as soon as the bundle starts to run rather than once the screens
// have mounted: the Rust side answers while the page's script is still being set up.
import { api, type Api, type CasePage, type StoreState, type TagCount } from ".";
import { prepareListFormatters, uiLanguage } from "../messages";

/** Cases the list asks for at once; more on request. Keeps the list instant with thousands of cases. */
export const PAGE = 100;

/** Sends the first screen's call now, and returns the real `api` whose first call of each of
 * storeState, setLanguage, listTags and listCases (with the arguments sent) takes its part of
 * the early reply; every later call asks again. */
export function earlyApi(): Api {
  const lang = uiLanguage();
  const first = api.firstScreen(lang, PAGE);
  // The list's date formatters (the first took 15 ms) are made while the Rust side answers.
  prepareListFormatters();
  let state: Promise<StoreState> | null = first.then((f) => f.state);
  let language: Promise<void> | null = first.then(() => undefined);
  let page: Promise<CasePage | null> | null = first.then((f) => f.page);
  let tags: Promise<TagCount[] | null> | null = first.then((f) => f.tags);
  // A reply nobody takes (a call failed) is not an unhandled rejection.
  for (const p of [state, language, page, tags]) p.catch(() => {});
  return {
    ...api,
    storeState: () => {
      const reply = state ?? api.storeState();
      state = null;
      return reply;
    },
    setLanguage: (l) => {
      const reply = l === lang && language ? language : api.setLanguage(l);
      language = null;
      return reply;
    },
    listCases: (query, limit) => {
      const early = query === "" && limit === PAGE ? page : null;
      page = null;
      return early ? early.then((p) => p ?? api.listCases(query, limit)) : api.listCases(query, limit);
    },
    listTags: () => {
      const early = tags;
      tags = null;
      return early ? early.then((t) => t ?? api.listTags()) : api.listTags();
    },
  };
}
