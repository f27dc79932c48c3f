export { clockPast, eventually, type EventuallyOptions, GiveUp, nextTurn } from "./eventually.js";
export {
  has,
  inCI,
  missingPrerequisites,
  postgresBinDirectory,
  type Prerequisite,
  PREREQUISITES,
  SPEC_DIR,
} from "./prerequisites.js";
