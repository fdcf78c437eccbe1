import * as React from "react";
import { LineChart } from "@fluentui/react-charts";
import { AccrualDay, formatIso, toYmd } from "../../../engine";
import { amendmentsIn } from "./explain";

const asDate = (d: number) => {
  const { y, m, d: dd } = toYmd(d);
  return new Date(Date.UTC(y, m - 1, dd));
};

/** Daily net assets (left axis, millions) and daily accrual (right axis), with the month's amendment dates marked. Loaded on demand (its own bundle). */
export default function DailyChart({ days, portfolio, width }: { days: readonly AccrualDay[]; portfolio: string; width: number }) {
  const data = React.useMemo(() => {
    const maxAccrual = Math.max(...days.map((d) => d.accrual.toNumber()), 0.01);
    return {
      chartTitle: `Daily net assets and accrual of ${portfolio}`,
      lineChartData: [
        { legend: "Net assets (millions)", color: "#0f6cbd", data: days.map((d) => ({ x: asDate(d.date), y: d.netAssets.dividedBy(1e6).toDecimalPlaces(2).toNumber() })) },
        { legend: "Daily accrual", color: "#c50f1f", useSecondaryYScale: true, data: days.map((d) => ({ x: asDate(d.date), y: d.accrual.toNumber() })) },
      ],
      maxAccrual,
    };
  }, [days, portfolio]);
  const events = amendmentsIn(days).map((a) => ({ date: asDate(a.date), event: `Amendment ${formatIso(a.date)}` }));
  return (
    <div className="chart" role="figure" aria-label={`Chart: daily net assets and daily accrual of ${portfolio}${events.length ? `, amendments on ${events.map((e) => e.event.slice(10)).join(", ")}` : ""}`}>
      <LineChart
        data={{ chartTitle: data.chartTitle, lineChartData: data.lineChartData }}
        width={width}
        height={200}
        secondaryYScaleOptions={{ yMinValue: 0, yMaxValue: data.maxAccrual * 1.1 }}
        eventAnnotationProps={events.length ? { events, strokeColor: "#8a3707", labelColor: "#8a3707", mergedLabel: (n: number) => `${n} amendments` } : undefined}
        hideTooltip={false}
      />
    </div>
  );
}
