import { refreshAllModels } from "../service/nightly-refresh";
import { modelMaxAgeDays, modelVersionsKept } from "./params";
import { cloudLogger, sharedFirebaseService } from "./production-service";

/** Handler of the `nightlyRefresh` schedule: see refreshAllModels. */
export async function handleNightlyRefresh(): Promise<void> {
  const { service } = sharedFirebaseService();
  await refreshAllModels(service, cloudLogger, {
    maxModelAgeDays: modelMaxAgeDays.value(),
    versionsKept: modelVersionsKept.value(),
  });
}
