export { ScheduleFeature } from "./ScheduleFeature";
export { ScheduleEditor } from "./ScheduleEditor";
export type { TierTableSpec } from "./tierTable";
export { FEE_SCHEDULE_TABLE } from "./tierTable";
