export { ReconcileView } from "./ReconcileView";
