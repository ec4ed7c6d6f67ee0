import type { Profiles } from "../state/profiles";
import type { Session } from "../state/session";
import { ModelPicker } from "./ModelPicker";
import { ParamsPanel } from "./ParamsPanel";
import { ProfileSwitcher } from "./profiles/ProfileSwitcher";

export function Sidebar(props: { session: Session; profiles: Profiles; onManageProfiles: () => void }) {
  return (
    <aside class="sidebar">
      <div class="brand">
        <img src="/icon.png" alt="" width="28" height="28" />
        <span>Bedrock Playground</span>
      </div>
      <ProfileSwitcher profiles={props.profiles} onManage={props.onManageProfiles} />
      <ModelPicker session={props.session} />
      <section class="field">
        <label for="system-prompt">System prompt</label>
        <textarea
          id="system-prompt"
          data-testid="system-prompt"
          rows={6}
          placeholder="You are a concise assistant…"
          value={props.session.systemPrompt()}
          onInput={(e) => props.session.setSystemPrompt(e.currentTarget.value)}
        />
      </section>
      <ParamsPanel session={props.session} />
    </aside>
  );
}
