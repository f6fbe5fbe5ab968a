// The packages other projects install (@latch/client, @latch/verify) are packed
// without their development dependencies: Latch's own workspace packages are
// inlined into their builds and are never published.
module.exports = {
  hooks: {
    beforePacking(manifest) {
      const { devDependencies, scripts, ...packed } = manifest;
      return packed;
    },
  },
};
