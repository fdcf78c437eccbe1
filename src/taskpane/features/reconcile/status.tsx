import * as React from "react";
import { Badge } from "@fluentui/react-components";
import { CheckmarkCircleFilled, ErrorCircleFilled, QuestionCircleFilled, WarningFilled, DocumentDismissFilled } from "@fluentui/react-icons";
import { ReconStatus } from "../../../engine";
import { STATUS_WORDS } from "./statusWords";


const LOOK: Record<ReconStatus, { color: "success" | "danger" | "warning" | "important" | "informative"; icon: React.ReactElement }> = {
  OK: { color: "success", icon: <CheckmarkCircleFilled /> },
  BREAK: { color: "danger", icon: <ErrorCircleFilled /> },
  NOT_BILLED: { color: "important", icon: <DocumentDismissFilled /> },
  NO_NET_ASSETS: { color: "important", icon: <WarningFilled /> },
  UNKNOWN_PORTFOLIO: { color: "important", icon: <QuestionCircleFilled /> },
};

/** A status as a badge: icon and words, filled (strong contrast) for anything that needs attention. */
export function StatusBadge({ status }: { status: ReconStatus }) {
  const look = LOOK[status];
  return (
    <Badge appearance={status === "OK" ? "tint" : "filled"} color={look.color} icon={look.icon} shape="rounded" size="medium" className={status === "OK" ? "badge" : "badge attention-badge"}>
      {STATUS_WORDS[status]}
    </Badge>
  );
}
