import { BlockList, isIP } from 'node:net';

/** One configured range list (`tracking.machineNetworks[i]`). */
export interface MachineNetworkConfig {
  cidrs: string[];
  for: 'opens' | 'clicks' | 'both';
  label: string;
}

/** Finds the configured scanner or relay network an address belongs to. */
export interface MachineNetworks {
  /** The label of the first list holding `ip` that applies to `kind`, or null. */
  match(ip: string, kind: 'open' | 'click'): string | null;
}

/** Builds the matcher from checked config (CIDRs already validated by the schema). */
export function createMachineNetworks(lists: readonly MachineNetworkConfig[]): MachineNetworks {
  const built = lists.map((list) => {
    const block = new BlockList();
    for (const cidr of list.cidrs) {
      const [address = '', prefix] = cidr.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) block.addAddress(address, family);
      else block.addSubnet(address, Number(prefix), family);
    }
    return { block, for: list.for, label: list.label };
  });
  return {
    match(ip, kind) {
      const plain = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
      const family = isIP(plain);
      if (!family) return null;
      for (const list of built) {
        if (list.for !== 'both' && list.for !== (kind === 'open' ? 'opens' : 'clicks')) continue;
        if (list.block.check(plain, family === 6 ? 'ipv6' : 'ipv4')) return list.label;
      }
      return null;
    },
  };
}
