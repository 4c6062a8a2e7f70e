// VS Code has no setting for the view container a new window starts on (it is always the
// Explorer), so the demo ships this helper: once the workbench is up it shows the Copernica view.
const vscode = require('vscode');

exports.activate = () => {
  void vscode.commands.executeCommand('workbench.view.extension.copernica');
};
