// Placeholder until the task pane lands: shows that the pane loaded.
const root = document.getElementById("root");
if (root) root.textContent = "Management fees";
