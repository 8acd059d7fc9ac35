// Compiles contracts/*.sol twice: to EVM bytecode with solc-js and to PolkaVM
// blobs with resolc (the wasm build in @parity/resolc, driving the same
// solc-js). Called by build.sh from this directory: node compile.js OUT_DIR
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');
const resolc = require('@parity/resolc');
// keccak256 from js-sha3, the hash library solc-js itself depends on (pinned by
// package-lock.json); used only for event topics, which solc does not report.
const { keccak256 } = require('js-sha3');

const CONTRACTS = ['MemberShare', 'CoopGovernor'];
// A deployer's settings: optimizer on, 200 runs; solc's default EVM version.
const SOLC_OPTIMIZER = { enabled: true, runs: 200 };
// @parity/resolc's own default, spelt out: LLVM level "z" (size), falling back
// to size when a function would not fit; enabled/runs go on to its solc pass.
const RESOLC_OPTIMIZER = { mode: 'z', fallback_to_optimizing_for_size: true, enabled: true, runs: 200 };

function sources() {
  const out = {};
  for (const name of CONTRACTS) {
    const key = `contracts/${name}.sol`;
    out[key] = { content: fs.readFileSync(path.join(__dirname, key), 'utf8') };
  }
  return out;
}

function findImport(importPath) {
  const candidates = [path.join(__dirname, importPath), path.join(__dirname, 'node_modules', importPath)];
  for (const file of candidates) {
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, 'utf8') };
  }
  return { error: `not found: ${importPath}` };
}

function failOnErrors(compiler, output) {
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  for (const e of output.errors || []) {
    if (e.severity !== 'error') console.error(`${compiler} ${e.severity}: ${e.formattedMessage || e.message}`);
  }
  if (errors.length) {
    for (const e of errors) console.error(`${compiler} error: ${e.formattedMessage || e.message}`);
    process.exit(1);
  }
}

function contractOf(output, name) {
  const c = output.contracts && output.contracts[`contracts/${name}.sol`] && output.contracts[`contracts/${name}.sol`][name];
  if (!c) {
    console.error(`no output for ${name}`);
    process.exit(1);
  }
  return c;
}

// Sizes of the artifacts in OUT_DIR, from its build-info.json.
function printSizes(outDir) {
  const info = JSON.parse(fs.readFileSync(path.join(outDir, 'build-info.json'), 'utf8'));
  console.log(`solc ${info.solc}  resolc ${info.resolc}  @openzeppelin/contracts ${info.openzeppelin}`);
  console.log('contract        evm-initcode  evm-runtime  polkavm   (bytes)');
  for (const [name, s] of Object.entries(info.contracts)) {
    const cols = [s.evmInitcodeBytes, s.evmRuntimeBytes, s.polkavmBytes];
    console.log(name.padEnd(14) + cols.map((n, i) => String(n).padStart([14, 13, 9][i])).join(''));
  }
  console.log('limits on pallet-revive: EVM initcode 49152 (EIP-3860), EVM runtime 24576 (EIP-170), PolkaVM blob 1048576');
}

async function main() {
  if (process.argv[2] === '--sizes') return printSizes(process.argv[3]);
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node compile.js OUT_DIR | node compile.js --sizes OUT_DIR');
  fs.mkdirSync(outDir, { recursive: true });
  const srcs = sources();

  // (i) EVM with solc-js.
  const evmInput = {
    language: 'Solidity',
    sources: srcs,
    settings: {
      optimizer: SOLC_OPTIMIZER,
      outputSelection: {
        '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] },
      },
    },
  };
  const evm = JSON.parse(solc.compile(JSON.stringify(evmInput), { import: findImport }));
  failOnErrors('solc', evm);

  const info = {
    solc: solc.version(),
    resolc: resolc.version().trim(),
    openzeppelin: require('@openzeppelin/contracts/package.json').version,
    solcSettings: { optimizer: SOLC_OPTIMIZER, evmVersion: 'solc default' },
    resolcOptimizer: RESOLC_OPTIMIZER,
    contracts: {},
  };
  const selectors = {};
  for (const name of CONTRACTS) {
    const c = contractOf(evm, name);
    fs.writeFileSync(path.join(outDir, `${name}.evm.hex`), c.evm.bytecode.object);
    fs.writeFileSync(path.join(outDir, `${name}.abi.json`), JSON.stringify(c.abi, null, 2) + '\n');
    const events = {};
    for (const item of c.abi.filter((x) => x.type === 'event')) {
      const sig = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
      events[sig] = '0x' + keccak256(sig);
    }
    selectors[name] = { functions: c.evm.methodIdentifiers, eventTopics: events };
    info.contracts[name] = {
      evmInitcodeBytes: c.evm.bytecode.object.length / 2,
      evmRuntimeBytes: c.evm.deployedBytecode.object.length / 2,
    };
  }
  fs.writeFileSync(path.join(outDir, 'selectors.json'), JSON.stringify(selectors, null, 2) + '\n');

  // (ii) PolkaVM with resolc, through its documented JS API (compile(sources, {optimizer})).
  const pvm = await resolc.compile(srcs, { optimizer: RESOLC_OPTIMIZER });
  failOnErrors('resolc', pvm);
  for (const name of CONTRACTS) {
    const c = contractOf(pvm, name);
    const blob = Buffer.from(c.evm.bytecode.object, 'hex');
    fs.writeFileSync(path.join(outDir, `${name}.polkavm`), blob);
    info.contracts[name].polkavmBytes = blob.length;
    if (JSON.stringify(c.abi) !== JSON.stringify(contractOf(evm, name).abi)) {
      console.error(`warning: resolc and solc ABIs differ for ${name}`);
    }
  }
  fs.writeFileSync(path.join(outDir, 'build-info.json'), JSON.stringify(info, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
