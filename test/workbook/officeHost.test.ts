import { hostSupport, loadWithDocument } from "../../src/workbook/office/officeHost";

/** Office as a client with the given requirement sets, on a platform. */
function office(sets: string[], platform = "PC", setStartupBehavior: (b: string) => Promise<void> = async () => undefined) {
  const calls: string[] = [];
  (globalThis as unknown as { Office: unknown }).Office = {
    context: { requirements: { isSetSupported: (name: string) => sets.includes(name) }, platform },
    PlatformType: { Mac: "Mac", PC: "PC", OfficeOnline: "OfficeOnline" },
    StartupBehavior: { load: "Load", none: "None" },
    addin: {
      setStartupBehavior: (b: string) => {
        calls.push(b);
        return setStartupBehavior(b);
      },
    },
  };
  return calls;
}

describe("when the pane opens", () => {
  it("makes the shared runtime load with the document next time", async () => {
    const calls = office(["SharedRuntime", "CustomFunctionsRuntime"]);
    await expect(loadWithDocument()).resolves.toBe(true);
    expect(calls).toEqual(["Load"]);
  });
  it("does nothing where the shared runtime's API is missing, and survives a refusal", async () => {
    const none = office([]);
    await expect(loadWithDocument()).resolves.toBe(false);
    expect(none).toEqual([]);
    office(["SharedRuntime"], "PC", async () => Promise.reject(new Error("GenericException")));
    await expect(loadWithDocument()).resolves.toBe(false);
  });
  it("tells a client without custom functions, and Excel for Mac", () => {
    office(["SharedRuntime"], "Mac");
    expect(hostSupport()).toEqual({ customFunctions: false, mac: true });
    office(["SharedRuntime", "CustomFunctionsRuntime"], "OfficeOnline");
    expect(hostSupport()).toEqual({ customFunctions: true, mac: false });
  });
});
