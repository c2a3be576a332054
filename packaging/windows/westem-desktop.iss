; Inno Setup 6 script: the Windows installer of WESTEM Desktop.
;
; Built by .github/workflows/release.yml on GitHub's Windows runner; tests/packaging/test_inno_setup.py
; checks here that every Source: path exists in the frozen build's layout and that every language file is
; one Inno Setup ships. By hand, on 64-bit Windows 10 or 11 with Python 3.11 and Inno Setup 6.4 or newer
; (6.4 is the first to ship Swedish):
;
;   1. py -3.11 packaging\bootstrap.py freeze
;        makes dist\westem-desktop\ with westem-desktop.exe (the command line) and
;        "WESTEM Desktop.exe" (the window), and runs the self-test on it
;   2. "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\westem-desktop.iss
;        makes dist\westem-desktop-0.1.0-setup.exe
;
; The installer installs for the current user without administrator rights (an administrator can choose
; "for all users" in the dialog). Uninstalling leaves the coordinator's databases, backups and settings
; in %APPDATA%\WESTEM Desktop untouched.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "WESTEM Desktop"
#define AppWindow "WESTEM Desktop.exe"
#define Built "..\..\dist\westem-desktop"

[Setup]
; The id ties upgrades and the uninstaller together: never change it.
AppId={{9379A88F-2C5A-536C-A4BB-BCCB170A964F}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The WESTEM Desktop developers
AppComments=Run a peer-mentoring scheme for women in STEM
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile=westem-desktop.ico
UninstallDisplayIcon={app}\{#AppWindow}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=westem-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[CustomMessages]
en.AppComment=Run a peer-mentoring scheme for women in STEM
sv.AppComment=Driv ett mentorskapsprogram för kvinnor inom STEM
nb.AppComment=Driv et mentorprogram for kvinner i STEM
nl.AppComment=Organiseer een peer-mentoringprogramma voor vrouwen in STEM

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Built}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppWindow}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppWindow}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppWindow}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
