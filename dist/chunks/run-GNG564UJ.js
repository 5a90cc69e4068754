import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-B4QA7B6R.js";
import "./chunk-YBKWZ3HI.js";
import "./chunk-JE3VHL2U.js";
import "./chunk-GV7CLDIW.js";
import "./chunk-K3VD7HE5.js";
import "./chunk-TLS3PTJ5.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-T5YVPCBS.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-WLAXEIFL.js";
import "./chunk-HODRZKGA.js";
import "./chunk-6WDEV6XB.js";
import "./chunk-EXHUYKBE.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-ZJHJIVYV.js";
import "./chunk-NAIE5LQ7.js";
import "./chunk-RS4V5MNJ.js";
import "./chunk-PWPYHJQF.js";
import "./chunk-5GMYRA7S.js";
export {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
};
