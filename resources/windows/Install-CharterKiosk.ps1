#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Makes Charter Desktop's kiosk the Windows shell of a local kiosk account (Shell Launcher).

.DESCRIPTION
    For Windows Enterprise, Education and IoT Enterprise, where Shell Launcher is available; on
    Windows Pro it stops and says so (README.md describes what Pro can do instead).

    1. Checks the Windows edition and that Charter Desktop is installed.
    2. Turns on the Windows features Client-DeviceLockdown and Client-EmbeddedShellLauncher (a
       restart may be needed, after which the script is run again).
    3. Creates the local account, unless it exists, as a standard user.
    4. Through the WMI class WESL_UserSetting (namespace root\standardcimv2\embedded): sets
       the kiosk as that account's shell, started again whenever it exits (action 0, restart the
       shell); keeps Explorer as every other account's shell; turns Shell Launcher on.

    shell-launcher.xml beside this script holds the same settings for Intune or another MDM.
    Running the script again changes nothing that is already set.

.PARAMETER KioskUser
    The local account that runs the kiosk (created if missing). Default: CharterKiosk.

.PARAMETER Password
    The password of a new account; asked for if the account is new and none is given.

.PARAMETER KioskExe
    The kiosk executable. Default: C:\Program Files\Charter Desktop\charter-desktop-kiosk.exe.

.PARAMETER Remove
    Gives the account Explorer back (its Shell Launcher setting is removed); the account stays.

.EXAMPLE
    .\Install-CharterKiosk.ps1
.EXAMPLE
    .\Install-CharterKiosk.ps1 -KioskUser HallKiosk
.EXAMPLE
    .\Install-CharterKiosk.ps1 -Remove
#>
[CmdletBinding()]
param(
    [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$')]
    [string] $KioskUser = 'CharterKiosk',
    [securestring] $Password,
    [string] $KioskExe = 'C:\Program Files\Charter Desktop\charter-desktop-kiosk.exe',
    [switch] $Remove
)

$ErrorActionPreference = 'Stop'
$Namespace = 'root\standardcimv2\embedded'
$Class = 'WESL_UserSetting'
$RestartShell = 0  # Shell Launcher's action when the shell exits: 0 restarts it

function Stop-WithMessage([string] $Message, [int] $Code = 1) {
    [Console]::Error.WriteLine("Install-CharterKiosk: $Message")
    exit $Code
}

function Invoke-ShellLauncher([string] $Method, [hashtable] $Arguments) {
    $result = Invoke-CimMethod -Namespace $Namespace -ClassName $Class -MethodName $Method -Arguments $Arguments
    if ($result.ReturnValue -ne 0) {
        Stop-WithMessage ("{0}.{1} failed with 0x{2:X8}" -f $Class, $Method, [uint32] $result.ReturnValue)
    }
}

# 1. The edition: Shell Launcher is part of Enterprise, Education and IoT Enterprise only.
$edition = (Get-WindowsEdition -Online).Edition
if ($edition -notmatch '^(Enterprise|Education|IoTEnterprise)') {
    Stop-WithMessage "Windows $edition has no Shell Launcher (Enterprise or Education only): see README.md, 'Windows Pro'"
}
if (-not $Remove -and -not (Test-Path -LiteralPath $KioskExe -PathType Leaf)) {
    Stop-WithMessage "$KioskExe is missing: install Charter Desktop first (README.md, step 1)"
}

# 2. The Shell Launcher feature.
$features = 'Client-DeviceLockdown', 'Client-EmbeddedShellLauncher'
$missing = @($features | Where-Object { (Get-WindowsOptionalFeature -Online -FeatureName $_).State -ne 'Enabled' })
if ($missing.Count -gt 0) {
    $enabled = Enable-WindowsOptionalFeature -Online -FeatureName $features -All -NoRestart
    if ($enabled.RestartNeeded) {
        Write-Output 'Shell Launcher is turned on: restart Windows, then run this script again.'
        exit 3010
    }
}

# 3. The kiosk account, a standard user.
$account = Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue
if ($Remove) {
    if ($null -eq $account) { Stop-WithMessage "there is no local account $KioskUser" }
    $sid = $account.SID.Value
    if (Get-CimInstance -Namespace $Namespace -ClassName $Class | Where-Object { $_.Sid -eq $sid }) {
        Invoke-ShellLauncher 'RemoveCustomShell' @{ Sid = $sid }
    }
    Write-Output "$KioskUser has Explorer as its shell again, from its next sign-in."
    exit 0
}
if ($null -eq $account) {
    if ($null -eq $Password) {
        $Password = Read-Host -AsSecureString "Password for the new account $KioskUser"
    }
    $account = New-LocalUser -Name $KioskUser -Password $Password -FullName 'Charter Desktop kiosk' `
        -Description 'Runs the Charter Desktop kiosk as its shell' -PasswordNeverExpires -UserMayNotChangePassword
    Add-LocalGroupMember -SID 'S-1-5-32-545' -Member $account  # Users, whatever its local name
    Write-Output "Created the local account $KioskUser."
}
$sid = $account.SID.Value

# 4. The shells: the kiosk for the account, restarted whenever it exits; Explorer for the rest.
Invoke-ShellLauncher 'SetDefaultShell' @{ Shell = 'explorer.exe'; DefaultAction = [int] $RestartShell }
if (Get-CimInstance -Namespace $Namespace -ClassName $Class | Where-Object { $_.Sid -eq $sid }) {
    Invoke-ShellLauncher 'RemoveCustomShell' @{ Sid = $sid }
}
Invoke-ShellLauncher 'SetCustomShell' @{ Sid = $sid; Shell = "`"$KioskExe`""; DefaultAction = [int] $RestartShell }
Invoke-ShellLauncher 'SetEnabled' @{ Enabled = $true }

Write-Output "Signing in as $KioskUser now opens the Charter Desktop kiosk instead of the desktop, and the kiosk comes back whenever it closes."
Write-Output 'To sign it in on boot, see README.md, "Signing the kiosk account in on boot".'
