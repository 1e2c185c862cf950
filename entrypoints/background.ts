export default defineBackground(() => {
  // Wired in the in-page issue: policy, packs and counting live here.
});
