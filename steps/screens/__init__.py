"""Page objects: one class per app screen, over the Appium driver, with explicit waits on conditions."""
