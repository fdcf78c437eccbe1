import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export function Problem({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Note({ children, intent = "info" }: { children: React.ReactNode; intent?: "info" | "success" | "warning" }) {
  return (
    <MessageBar intent={intent}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
