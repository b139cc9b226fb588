import { encodeId, IdType } from '../hashid';
import type { State } from '../state';
import type { PolicyRecord, UserRecord } from '../types';

export type PolicyType = PolicyRecord['type'];

export interface PolicyChoice {
	type: PolicyType;
	/** Bytes per chunk/part (default per type); ignored for relay and upyun (whole file). */
	chunkSize?: number;
	/** Bytes go through Cloudreve (`POST /file/upload/:id/0`, chunk size 0). */
	relay?: boolean;
	maxSize?: number;
	allowedSuffix?: string[];
	deniedSuffix?: string[];
	chunkConcurrency?: number;
}

const MiB = 1024 * 1024;

/** Defaults close to Cloudreve's: local 25 MiB, S3-likes 25 MiB (≥ 5 MiB), OneDrive a multiple of 320 KiB. */
export const DEFAULT_CHUNK: Record<PolicyType, number> = {
	local: 25 * MiB,
	remote: 25 * MiB,
	s3: 25 * MiB,
	ks3: 25 * MiB,
	cos: 25 * MiB,
	oss: 25 * MiB,
	obs: 25 * MiB,
	onedrive: 50 * 320 * 1024,
	qiniu: 25 * MiB,
	upyun: 0,
};

const overrides = new WeakMap<State, Map<number, number>>();

/**
 * Gives one user a storage policy of its own (a new policy record). `state.policyOf` is wrapped once per
 * server so listings (`storage_policy`), uploads and entities all see it; the user's group is unchanged.
 */
export function usePolicy(state: State, user: UserRecord, choice: PolicyChoice): PolicyRecord {
	const id = Math.max(0, ...state.policies.keys()) + 1;
	const policy: PolicyRecord = {
		id,
		name: `${choice.type}${choice.relay ? ' (relay)' : ''} test policy ${id}`,
		type: choice.type,
		maxSize: choice.maxSize ?? 0,
		allowedSuffix: choice.allowedSuffix,
		deniedSuffix: choice.deniedSuffix,
		relay: choice.relay,
		chunkSize: choice.type === 'upyun' ? 0 : (choice.chunkSize ?? DEFAULT_CHUNK[choice.type]),
		chunkConcurrency: choice.chunkConcurrency,
		options: {},
	};
	state.policies.set(id, policy);
	let map = overrides.get(state);
	if (!map) {
		const byUser = new Map<number, number>();
		overrides.set(state, (map = byUser));
		const original = state.policyOf.bind(state);
		state.policyOf = (u: UserRecord) => {
			const own = byUser.get(u.id);
			return (own !== undefined ? state.policies.get(own) : undefined) ?? original(u);
		};
	}
	map.set(user.id, id);
	return policy;
}

export function policyHashId(p: PolicyRecord): string {
	return encodeId(p.id, IdType.Policy);
}
