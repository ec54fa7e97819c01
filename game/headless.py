"""Headless games: `interdict run` and `interdict batch`. (Filled in by the engine work.)"""
